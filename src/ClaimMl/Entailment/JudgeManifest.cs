using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClaimMl.Entailment;

/// <summary>
/// The JSON description stored as <c>judge.json</c> in a judge model file: its format, the order of its
/// output classes, the input window it was trained with, and the two files it is made of with their
/// SHA-256. Written by the judge trainer, checked by <see cref="JudgeModelFile"/> on load. One type for
/// both sides, so that the names are spelled once.
/// </summary>
internal sealed record JudgeManifest
{
    /// <summary>The format version this library reads and writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The name of the manifest entry in the zip.</summary>
    public const string EntryName = "judge.json";

    /// <summary>Longest input window a BERT encoder of this family takes (its position embeddings).</summary>
    public const int MaxWindow = 512;

    /// <summary>Shortest input window accepted: <c>[CLS]</c>, two <c>[SEP]</c> and a few word pieces.</summary>
    public const int MinWindow = 8;

    /// <summary>The quantization values a judge model file may record.</summary>
    public static readonly IReadOnlyList<string> Quantizations = ["none", "int8", "int7"];

    /// <summary>The ways a judge may read numbers written in words: as written, or as digits (<see cref="Text.NumberWords"/>).</summary>
    public static readonly IReadOnlyList<string> NumberWordReadings = ["asWritten", "digits"];

    /// <summary>The labels, in the order of the graph's logits; the same order as <see cref="EntailmentLabel"/>.</summary>
    public static readonly IReadOnlyList<string> ExpectedLabels = ["entails", "contradicts", "neither"];

    /// <summary>Format version; only <see cref="CurrentFormat"/> is read.</summary>
    [JsonPropertyName("format")] public int Format { get; init; } = CurrentFormat;

    /// <summary>The class of each logit, in order; must be <see cref="ExpectedLabels"/>.</summary>
    [JsonPropertyName("labels")] public string[]? Labels { get; init; }

    /// <summary>Longest input, special tokens included.</summary>
    [JsonPropertyName("maxTokens")] public int MaxTokens { get; init; }

    /// <summary>Most word pieces kept of a claim.</summary>
    [JsonPropertyName("maxClaimTokens")] public int MaxClaimTokens { get; init; }

    /// <summary>The ONNX graph's entry and SHA-256.</summary>
    [JsonPropertyName("model")] public JudgeEntry? Model { get; init; }

    /// <summary>The BERT vocabulary's entry and SHA-256.</summary>
    [JsonPropertyName("vocab")] public JudgeEntry? Vocab { get; init; }

    /// <summary>What the encoder is (e.g. "MiniLM-L6-H384"), for people reading the file.</summary>
    [JsonPropertyName("encoder")] public string? Encoder { get; init; }

    /// <summary>Transformer layers of the encoder.</summary>
    [JsonPropertyName("layers")] public int Layers { get; init; }

    /// <summary>"none" (fp32 weights), "int8" (unsigned 8-bit weights with zero points) or "int7" (signed 7-bit weights, stored in 8 bits).</summary>
    [JsonPropertyName("quantization")] public string? Quantization { get; init; }

    /// <summary>
    /// How the judge reads numbers written in words: "asWritten" (the default, when absent) or "digits" ("forty-one"
    /// read as "41", in the claim and the passage alike, before the word pieces are made).
    /// </summary>
    [JsonPropertyName("numberWords")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NumberWords { get; init; }

    /// <summary>Whether the judge reads numbers written in words as digits.</summary>
    [JsonIgnore] public bool ReadsNumberWordsAsDigits => NumberWords == "digits";

    /// <summary>Numbers for the verdict rule that reads the judge (thresholds and the like); kept as written, read elsewhere.</summary>
    [JsonPropertyName("verdict")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Verdict { get; init; }

    /// <summary>Every other field (how it was trained: <c>trainedOn</c>, <c>seed</c>, <c>command</c>, ...), kept as written.</summary>
    [JsonExtensionData] public JsonObject? Extra { get; init; }
}

/// <summary>One file of a judge model zip, as the manifest records it.</summary>
/// <param name="File">The entry's name in the zip.</param>
/// <param name="Sha256">The SHA-256 of its content, 64 hexadecimal digits.</param>
internal sealed record JudgeEntry(
    [property: JsonPropertyName("file")] string? File,
    [property: JsonPropertyName("sha256")] string? Sha256);
