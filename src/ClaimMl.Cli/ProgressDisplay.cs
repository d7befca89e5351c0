using ClaimMl.Training;
using Spectre.Console;

namespace ClaimMl.Cli;

/// <summary>Shows training progress on stderr: a live bar on a terminal, plain lines when redirected.</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(string title, Func<IProgress<TrainingProgress>, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (!console.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
        {
            string last = string.Empty;
            var plain = new SynchronousProgress(p =>
            {
                string line = $"{title}: {p.Step} ({p.Done}/{p.Total})";
                if (line != last)
                {
                    Console.Error.WriteLine(line);
                    last = line;
                }
            });
            return work(plain);
        }

        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                var progress = new SynchronousProgress(p =>
                {
                    task.Description = $"{title}: {Markup.Escape(p.Step)}";
                    task.Value = p.Total == 0 ? 0 : (double)p.Done / p.Total;
                });
                result = work(progress);
                task.Value = 1;
            });
        return result;
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        private readonly Lock _gate = new();

        public void Report(TrainingProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
