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
        catch (StoppedWithSavedStateException e)
        {
            await Console.Error.WriteLineAsync($"cancelled: {e.Message}").ConfigureAwait(false);
            return Cancelled;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled: nothing was written.").ConfigureAwait(false);
            return Cancelled;
        }
    }

    /// <summary>
    /// Checks, before a long run, that a file can later be written at <paramref name="path"/>: creates its folder when
    /// missing and writes and deletes a probe file there. A folder that cannot be created (a file stands in the way),
    /// a path naming a folder, or a folder that cannot be written is an <see cref="ArgumentException"/> naming the
    /// option, so the run stops before its long part rather than after it.
    /// </summary>
    /// <param name="path">The file to be written.</param>
    /// <param name="option">The option that named it, for the message ("--out").</param>
    /// <returns>The full path.</returns>
    public static string PrepareOutput(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"{option}: {full} is a folder; give a file name.");
        }
        string folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option}: cannot write into {folder}: {e.Message}", e);
        }
        return full;
    }

    /// <summary>Writes a file through a temporary file and a rename, so readers never see half of it.</summary>
    public static void WriteAtomically(string path, Action<Stream> write) => WriteAllAtomically([(path, write)], CancellationToken.None);

    /// <summary>
    /// Writes files that belong together (a model and its metrics) so that all of them are replaced or none:
    /// each is written to a temporary file beside it (<c>&lt;name&gt;.&lt;guid&gt;.tmp</c>), then, unless
    /// <paramref name="cancellation"/> was cancelled or a write failed, all are renamed over their targets. On
    /// any failure or cancellation the temporary files are deleted and every target is left as it was.
    /// </summary>
    /// <param name="files">The targets and what to write in each, in order.</param>
    /// <param name="cancellation">Checked after each write and once more before the renames (the commit point).</param>
    public static void WriteAllAtomically(IReadOnlyList<(string Path, Action<Stream> Write)> files, CancellationToken cancellation)
    {
        var temps = new List<(string Temp, string Target)>(files.Count);
        try
        {
            foreach (var (path, write) in files)
            {
                string full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                string temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
                temps.Add((temp, full));
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    write(stream);
                    if (stream.CanWrite)
                    {
                        stream.Flush(flushToDisk: true); // on disk before the rename, so a crash cannot leave an empty file under the target's name
                    }
                }
                cancellation.ThrowIfCancellationRequested();
            }
            cancellation.ThrowIfCancellationRequested();
            foreach (var (temp, target) in temps)
            {
                File.Move(temp, target, overwrite: true); // the commit: renames only, nothing left to fail but the file system
            }
        }
        finally
        {
            foreach (var (temp, _) in temps)
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}

/// <summary>A cancelled command that saved where it got to (e.g. <c>train --checkpoint</c>); its message says where, and how to go on.</summary>
internal sealed class StoppedWithSavedStateException(string message, Exception inner) : OperationCanceledException(message, inner);
