using BenchmarkDotNet.Running;

namespace TrapActors.Benchmarks;

public static class Program
{
    /// <summary>e.g. <c>dotnet run -c Release --project tests/TrapActors.Benchmarks -- --filter '*' --job short</c>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
