using System.CommandLine;

namespace ClaimMl.Cli;

/// <summary>
/// Runs a command's body and turns the errors a user can cause (bad input files, bad models,
/// Ctrl+C) into one clear line on stderr and a non-zero exit code; stack traces only with --verbose.
/// </summary>
internal static class CommandRunner
{
    public const int Ok = 0;
    public const int InputError = 2;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(ParseResult parse, Func<CancellationToken, Task<int>> body, CancellationToken cancellation)
    {
        bool verbose = parse.GetValue(CliOptions.Verbose);
        try
        {
            return await body(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ClaimMlDataException or ClaimMlModelException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            if (verbose)
            {
                await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }
            return InputError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled: nothing was written.").ConfigureAwait(false);
            return Cancelled;
        }
    }

    /// <summary>Writes a file through a temporary file and a rename, so readers never see half of it.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = File.Create(temp))
            {
                write(stream);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
