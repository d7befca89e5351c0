using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimMl.JudgeTrainer.Output;

/// <summary>
/// Writes a judge model file (format 1): a zip of <c>judge.json</c> (the manifest), <c>model.onnx</c> (inputs
/// <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>, int64 [batch, sequence]; output <c>logits</c>,
/// float [batch, 3]) and <c>vocab.txt</c> (the encoder's word pieces). The manifest records the SHA-256 of both
/// files, so that a truncated or swapped file is refused on load.
/// </summary>
internal static class JudgeModelWriter
{
    public const int Format = 1;
    public const string ManifestEntry = "judge.json";
    public const string GraphEntry = "model.onnx";
    public const string VocabularyEntry = "vocab.txt";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The bytes of entry <paramref name="name"/> of a judge model file; a missing entry is a <see cref="ClaimMlModelException"/> naming it.</summary>
    public static byte[] ReadEntry(ZipArchive zip, string name) =>
        ReadEntry(zip.GetEntry(name) ?? throw new ClaimMlModelException($"The judge model has no '{name}'."));

    /// <summary>The whole content of one entry of a judge model archive.</summary>
    public static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The manifest: the fixed fields, then <paramref name="extra"/> (training facts, verdict settings).</summary>
    public static JsonObject Manifest(byte[] graph, byte[] vocabulary, int maxTokens, int maxClaimTokens, int layers, string quantization, string encoder, JsonObject extra)
    {
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["labels"] = new JsonArray("entails", "contradicts", "neither"),
            ["maxTokens"] = maxTokens,
            ["maxClaimTokens"] = maxClaimTokens,
            ["model"] = new JsonObject { ["file"] = GraphEntry, ["sha256"] = Sha256(graph) },
            ["vocab"] = new JsonObject { ["file"] = VocabularyEntry, ["sha256"] = Sha256(vocabulary) },
            ["encoder"] = encoder,
            ["layers"] = layers,
            ["quantization"] = quantization,
        };
        foreach (var (key, value) in extra)
        {
            manifest[key] = value?.DeepClone();
        }
        return manifest;
    }

    /// <summary>Writes the zip to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, JsonObject manifest, byte[] graph, byte[] vocabulary)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Indented));
        Add(zip, GraphEntry, graph);
        Add(zip, VocabularyEntry, vocabulary);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); // the same bytes for the same model
        using Stream target = entry.Open();
        target.Write(content);
    }
}
