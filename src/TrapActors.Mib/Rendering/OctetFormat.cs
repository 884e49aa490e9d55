namespace TrapActors.Mib.Rendering;

/// <summary>
/// One octet-format specification of an OCTET STRING display hint (RFC 2579 §3.1): the optional repeat
/// indicator, the octet length, the display format and the optional separator and repeat terminator.
/// </summary>
/// <param name="Repeat">True when the specification starts with <c>*</c>: the next octet of the value is the repeat count.</param>
/// <param name="Length">How many octets one application of the specification uses (at least 1).</param>
/// <param name="Format">One of <c>x</c> (hexadecimal), <c>d</c> (decimal), <c>o</c> (octal), <c>a</c> (ASCII), <c>t</c> (UTF-8).</param>
/// <param name="Separator">The character shown after each application while octets remain, or <c>'\0'</c> for none.</param>
/// <param name="Terminator">The character shown after the last repetition while octets remain, or <c>'\0'</c> for none.</param>
public readonly record struct OctetFormat(bool Repeat, int Length, char Format, char Separator, char Terminator);
