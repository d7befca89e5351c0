using System.Collections.Concurrent;
using ClaimMl.Entailment;

namespace ClaimMl.Tests.Judge;

/// <summary>
/// Runs one judge from many threads at once and lists where a thread got other results than one thread alone got
/// for the same pairs (the judge's thread-safety tests, on the tiny graph and on the shipped model).
/// </summary>
internal static class ConcurrentJudging
{
    /// <summary>
    /// Judges each list on its own thread, all started together so that runs of the one session overlap, for
    /// <paramref name="rounds"/> rounds, and returns each result that differs from <c>judge.Judge(list)</c> on one
    /// thread, and each exception, as a line.
    /// </summary>
    public static IReadOnlyCollection<string> Differences(EntailmentJudge judge, (string Claim, string Passage)[][] lists, int rounds)
    {
        Judgement[][] expected = [.. lists.Select(judge.Judge)];
        var failures = new ConcurrentBag<string>();
        using var start = new Barrier(lists.Length);
        Thread[] threads = [.. Enumerable.Range(0, lists.Length).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                for (int round = 0; round < rounds; round++)
                {
                    Judgement[] got = judge.Judge(lists[t]);
                    for (int i = 0; i < got.Length; i++)
                    {
                        if (got[i] != expected[t][i])
                        {
                            failures.Add($"thread {t}, round {round}, pair {i}: {got[i]} != {expected[t][i]}");
                        }
                    }
                }
            }
            catch (Exception e)
            {
                failures.Add($"thread {t}: {e.GetType().Name}: {e.Message}");
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }
        foreach (Thread thread in threads)
        {
            thread.Join();
        }
        return failures;
    }
}
