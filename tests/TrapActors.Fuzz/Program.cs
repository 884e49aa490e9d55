using SharpFuzz;
using TrapActors.Fuzz;

// Under afl-fuzz (tests/tools/fuzz.sh): no arguments, one persistent fuzzing loop fed by AFL.
// With file or folder arguments: run the target once over each file, for replaying seeds and findings.
if (args.Length == 0)
{
    Fuzzer.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        DecoderTarget.Run(buffer.ToArray());
    });
    return 0;
}

var failures = 0;
var files = args.SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories) : [a]).Order().ToList();
foreach (var file in files)
{
    try
    {
        DecoderTarget.Run(File.ReadAllBytes(file));
    }
    catch (Exception e)
    {
        failures++;
        Console.Error.WriteLine($"{file}: {e}");
    }
}
Console.WriteLine($"replayed {files.Count} inputs, {failures} failed");
return failures == 0 ? 0 : 1;
