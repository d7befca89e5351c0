using BenchmarkDotNet.Attributes;
using ClaimMl.Entailment;

namespace ClaimMl.Benchmarks;

/// <summary>
/// The entailment judge: 32 claim–passage pairs (claims of ~15 words, passages of ~30, written for this
/// benchmark) judged per operation, in batches of 1 or 32, with ONNX Runtime's intra-op pool at one thread
/// or all cores; once by one caller, once by two callers at the same time (a checker shared by many threads).
/// The model is <c>$CLAIMML_JUDGE_MODEL</c>, else <c>models/judge.zip</c>; the setup fails, saying so, when neither exists.
/// </summary>
[MemoryDiagnoser]
[QuickJob]
public class JudgeBenchmarks
{
    /// <summary>The environment variable naming the judge model to measure.</summary>
    public const string ModelVariable = "CLAIMML_JUDGE_MODEL";

    private const int PairCount = 32;

    private static readonly string[] Claims =
    [
        "The Merrow Bridge was closed on Monday after inspectors found cracks in two of its steel beams.",
        "The city council voted to spend four million pounds on repairs to the old harbour wall this year.",
        "About twelve thousand vehicles cross the bridge every day, according to figures published by the city.",
        "The ferry operator said it would add extra crossings every half hour while the bridge stays shut.",
        "Engineers had warned the council about corrosion in the deck supports more than two years ago.",
        "Police closed the coastal road overnight after a lorry overturned and spilled diesel near the tunnel.",
        "The mayor told reporters that no school would close because of the flooding in the lower town.",
        "Hospital managers confirmed that the new cancer ward will open to patients in the spring of next year.",
        "The water company was fined for releasing untreated sewage into the river on at least forty days.",
        "Train services between the two cities will be cut by half during the six weeks of track works.",
        "A survey found that most residents support turning the disused rail yard into a public park.",
        "The regional airport lost its last scheduled route when the only airline serving it withdrew in March.",
        "Firefighters brought the warehouse blaze under control within three hours and nobody was hurt, officials said.",
        "The university announced that tuition fees for international students will rise by ten percent next autumn.",
        "Fishermen say catches of cod in the bay have fallen sharply since the new wind farm was built.",
        "The library will stay open on Sundays after volunteers offered to staff it without pay, the council said.",
    ];

    private static readonly string[] Passages =
    [
        "City officials shut the Merrow Bridge on Monday morning, saying a routine inspection had revealed cracking in two of the main steel girders that carry the road deck.",
        "Councillors approved a budget of four million pounds for the harbour wall, but the work will be spread over three years and may not begin until next summer.",
        "The highways department puts daily traffic on the bridge at about three thousand vehicles, far lower than the figures that have been quoted by the city in recent weeks.",
        "Extra ferry crossings will run every thirty minutes while the bridge remains closed, the operator said, although it warned that queues at the terminal could be long at peak times.",
        "A 2022 engineering report, seen by this newspaper, flagged corrosion and hairline cracks in the deck supports and recommended that the council carry out urgent repairs.",
        "The coastal road reopened at six this morning after crews spent the night clearing fuel from the carriageway; the lorry driver was taken to hospital with minor injuries.",
        "Two primary schools in the lower town will stay closed until Friday because their playgrounds and ground floors are still under water, the education office said.",
        "The opening of the new cancer ward has been delayed until at least the autumn of next year because of a shortage of specialist nurses, hospital managers admitted.",
        "Regulators fined the water company after it released untreated sewage into the river on forty-three separate days last year, more than any other firm in the region.",
        "During the track works, one train an hour will run in each direction instead of the usual two, and a replacement bus will cover the stations that are closed.",
        "Of the residents who answered the survey, sixty-eight percent said they would like the old rail yard turned into a park, while most of the rest preferred new housing.",
        "The airline that flew the airport's last scheduled route to the capital announced in March that it would end the service, leaving the terminal without regular flights.",
        "The fire at the warehouse was under control by midnight, about three hours after the first call, and the fire service said that all the staff had left the building safely.",
        "International students will pay ten percent more from next autumn, the university confirmed on Tuesday, blaming rising costs and a fall in government funding.",
        "Scientists studying the bay say cod numbers were already falling years before the wind farm was built, and they point instead to warmer water and overfishing.",
        "The council said the library will close on Sundays from next month, despite an offer from a group of volunteers who had proposed to run it without pay.",
    ];

    private EntailmentJudge _judge = null!;
    private (string Claim, string Passage)[] _pairs = [];

    /// <summary>Pairs per run of the graph: one at a time, or all 32 in one batch.</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    /// <summary>ONNX Runtime's intra-op threads: one, or all cores.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>One thread and all cores (just one when the machine has one core).</summary>
    public static IEnumerable<int> ThreadCounts => new[] { 1, Environment.ProcessorCount }.Distinct();

    /// <summary>The judge model measured: <c>$CLAIMML_JUDGE_MODEL</c>, else <c>models/judge.zip</c>.</summary>
    public static string ModelPath()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(ModelVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? Path.Combine(BenchmarkData.FindRoot(), "models", "judge.zip") : fromEnvironment;
    }

    /// <summary>Loads the judge with this case's options and pairs each claim with its own passage and the next one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _judge = JudgeModelFile.Load(ModelPath(), new JudgeOptions { IntraOpThreads = Threads, MaxBatchSize = Batch });
        _pairs = [.. Enumerable.Range(0, PairCount).Select(i => (Claims[i / 2], Passages[(i / 2 + i % 2) % Passages.Length]))];
        if (_judge.Judge(_pairs).Any(j => j.ClaimCut || j.PassageCut))
        {
            throw new InvalidOperationException("A benchmark pair does not fit the judge's window; the benchmark measures uncut pairs.");
        }
    }

    /// <summary>Releases the session.</summary>
    [GlobalCleanup]
    public void Cleanup() => _judge.Dispose();

    /// <summary>Tokenizes and judges the 32 pairs on the calling thread.</summary>
    [Benchmark]
    [PairsPerOperation(PairCount)]
    public float JudgeOneCaller() => _judge.Judge(_pairs)[0].Probabilities.Entails;

    /// <summary>Two callers judge the 32 pairs each at the same time on one judge (64 pairs per operation).</summary>
    [Benchmark]
    [PairsPerOperation(2 * PairCount)]
    public float JudgeTwoCallers()
    {
        float first = 0, second = 0;
        Parallel.Invoke(
            () => first = _judge.Judge(_pairs)[0].Probabilities.Entails,
            () => second = _judge.Judge(_pairs)[0].Probabilities.Entails);
        return first + second;
    }
}
