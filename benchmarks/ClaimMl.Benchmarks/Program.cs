using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ClaimMl;
using ClaimMl.Benchmarks;

// dotnet run -c Release --project benchmarks/ClaimMl.Benchmarks -- --filter '*'
//   runs every benchmark (a quick job each (see QuickJobAttribute); cold start in five fresh processes).
// dotnet run -c Release --project benchmarks/ClaimMl.Benchmarks -- --cold-start
//   measures one cold start in this process with a stopwatch and prints it.
if (args is ["--cold-start", ..])
{
    var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
    BenchmarkData data = BenchmarkData.Current;
    Source source = data.Source("valley-courier.txt");
    string claim = data.Claims[1].Text;
    var stopwatch = Stopwatch.StartNew();
    ClaimCheckingMode mode = args is [_, "--lexical-only", ..] ? ClaimCheckingMode.LexicalOnly : ClaimCheckingMode.Judged;
    Verdict verdict = ClaimMl.Benchmarks.ColdStart.Run(source, claim, mode);
    stopwatch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"cold start ({mode}): embedded models loaded, one source indexed, first verdict ({verdict}) in {stopwatch.Elapsed.TotalMilliseconds:0} ms (process had run {sinceStart.TotalMilliseconds:0} ms before)"));
    return 0;
}

IConfig config = DefaultConfig.Instance
    .AddColumn(new ThroughputColumn());
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkData).Assembly).Run(args, config);
return 0;
