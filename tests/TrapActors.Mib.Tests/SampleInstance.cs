namespace TrapActors.Mib.Tests;

/// <summary>A plausible instance for a table row: one value per INDEX component, within its range or size.</summary>
internal static class SampleInstance
{
    public static IEnumerable<uint> For(MibSet mibs, MibObject row)
    {
        foreach (var index in row.Index)
        {
            var syntax = mibs.Find(row.Module, index.Name)?.Syntax ?? MibSyntax.Unknown;
            switch (syntax.BaseType)
            {
                case MibBaseType.IpAddress:
                    foreach (var sub in new uint[] { 10, 0, 0, 1 }) yield return sub;
                    break;
                case MibBaseType.OctetString or MibBaseType.Opaque or MibBaseType.Bits:
                    var length = syntax.Sizes.Count > 0 && syntax.Sizes[0].Min > 2 ? (int)syntax.Sizes[0].Min : 2;
                    if (!index.Implied) yield return (uint)length;
                    for (var i = 0; i < length; i++) yield return (uint)('a' + i % 26);
                    break;
                case MibBaseType.ObjectIdentifier:
                    if (!index.Implied) yield return 3;
                    foreach (var sub in new uint[] { 1, 3, 6 }) yield return sub;
                    break;
                default:
                    yield return syntax.Ranges.Count > 0 && (syntax.Ranges[0].Min > 3 || syntax.Ranges[0].Max < 3)
                        ? (uint)Math.Max(0, syntax.Ranges[0].Min) : 3u;
                    break;
            }
        }
    }
}
