// Checks claims against a folder of .txt sources with the ClaimMl package, through dependency injection.
// Usage: ClaimMl.Sample <sources folder> <claim> [<claim> ...]
using ClaimMl;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ClaimMl.Sample <sources folder> <claim> [<claim> ...]");
    return 2;
}

var services = new ServiceCollection();
services.AddClaimChecking();   // the model inside the package; or options => options.ModelPath = "my-model.zip"
using ServiceProvider provider = services.BuildServiceProvider();
ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();

// Index the sources once, then check every claim against them (from any number of threads, if you like).
SourceSet sources = checker.Index(Directory.GetFiles(args[0], "*.txt")
    .Order(StringComparer.Ordinal)
    .Select(file => new Source(Path.GetFileName(file), File.ReadAllText(file))));

foreach (string claim in args[1..])
{
    ClaimResult result = checker.Check(claim, sources);
    Console.WriteLine($"{result.Verdict} {result.Confidence:0.00} {claim}");
    foreach (SourceAssessment source in result.Sources)
    {
        Console.WriteLine($"  {source.Source}: {source.Stance} {source.Probabilities[source.Stance]:0.00}");
    }
}
return 0;
