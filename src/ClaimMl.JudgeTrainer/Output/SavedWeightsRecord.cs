using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.Cli;

namespace ClaimMl.JudgeTrainer.Output;

/// <summary>
/// The record kept beside a judge's saved 32-bit weights (<c>&lt;weights&gt;.json</c>, written by
/// <c>train --save-weights</c> together with them): their SHA-256 and how they were made (the command, the model written
/// with them, and, for a run that went on from other weights, those weights' own record). <c>train --start-from</c>
/// copies it into the new judge's metrics as <c>startedFrom</c>, so that a judge trained in steps records every step's
/// command without anyone adding it by hand.
/// </summary>
internal static class SavedWeightsRecord
{
    /// <summary>The record's path for the weights at <paramref name="weightsPath"/>.</summary>
    public static string PathFor(string weightsPath) => weightsPath + ".json";

    /// <summary>
    /// Writes <paramref name="save"/>'s weights to <paramref name="weightsPath"/> and, beside them, their record: the
    /// fields of <paramref name="made"/> after <c>weightsSha256</c>. Both files are replaced or neither.
    /// </summary>
    public static void Write(string weightsPath, Action<Stream> save, JsonObject made, CancellationToken cancellation)
    {
        // The weights are hashed as they are written, so the record cannot name other bytes than the file holds.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        CommandRunner.WriteAllAtomically(
        [
            (weightsPath, stream =>
            {
                using var hashing = new HashingStream(stream, hash);
                save(hashing);
            }),
            (PathFor(weightsPath), stream =>
            {
                var record = new JsonObject { ["weightsSha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()) };
                foreach (var (name, value) in made)
                {
                    record[name] = value?.DeepClone();
                }
                MetricsFile.WriteTo(stream, record);
            }),
        ], cancellation);
    }

    /// <summary>
    /// What is known of the weights at <paramref name="weightsPath"/>: their record, when one lies beside them and names
    /// these bytes; otherwise only their SHA-256 (weights saved before records were kept, or replaced since; the second
    /// is said in <c>note</c>).
    /// </summary>
    public static JsonObject Read(string weightsPath)
    {
        string sha;
        using (FileStream weights = File.OpenRead(weightsPath))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(weights));
        }
        string recordPath = PathFor(weightsPath);
        if (File.Exists(recordPath))
        {
            JsonObject? record;
            try
            {
                record = JsonNode.Parse(File.ReadAllText(recordPath)) as JsonObject;
            }
            catch (JsonException e)
            {
                throw new ClaimMlModelException($"{recordPath}: not a weights record ({e.Message})", e);
            }
            if (record?["weightsSha256"] is JsonValue named && named.TryGetValue(out string? namedSha) && namedSha == sha)
            {
                return record;
            }
            return new JsonObject { ["weightsSha256"] = sha, ["note"] = $"{Path.GetFileName(recordPath)} names other weights; these were replaced after it was written" };
        }
        return new JsonObject { ["weightsSha256"] = sha };
    }

    /// <summary>Passes writes through to a stream and into a hash.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
