using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ClaimMl.Benchmarks;

/// <summary>Claim–source pairs one operation of the benchmark scores (the Throughput column shows pairs/s).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PairsPerOperationAttribute(int pairs) : Attribute
{
    /// <summary>Pairs per operation.</summary>
    public int Pairs { get; } = pairs;
}

/// <summary>The benchmark indexes <see cref="BenchmarkData.IndexingBatch"/> per operation (the Throughput column shows MB/s).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IndexesTextAttribute : Attribute
{
}

/// <summary>
/// A column with the benchmark's throughput: claim–source pairs per second, or megabytes of text
/// (10^6 characters) indexed per second, computed from the mean time of one operation.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "Throughput";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Claim–source pairs per second, or MB (10^6 characters) of text indexed per second, on one core unless the benchmark says parallel";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (meanNs is not > 0)
        {
            return "-";
        }
        double seconds = meanNs.Value * 1e-9;
        MethodInfo method = benchmarkCase.Descriptor.WorkloadMethod;
        if (method.GetCustomAttribute<PairsPerOperationAttribute>() is { } pairs)
        {
            return (pairs.Pairs / seconds).ToString("N0", CultureInfo.InvariantCulture) + " pairs/s";
        }
        if (method.GetCustomAttribute<IndexesTextAttribute>() is not null)
        {
            string corpus = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Corpus")?.Value as string ?? BenchmarkData.Own;
            double megabytes = BenchmarkData.Current.IndexingChars(corpus) / 1e6;
            return (megabytes / seconds).ToString("0.0", CultureInfo.InvariantCulture) + " MB/s";
        }
        return "-";
    }

    public override string ToString() => ColumnName;
}
