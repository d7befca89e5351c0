using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClaimMl.Entailment;

/// <summary>
/// What the judge's ONNX graph must look like: three int64 inputs <c>[batch, sequence]</c>
/// (<see cref="InputIds"/>, <see cref="AttentionMask"/>, <see cref="TokenTypeIds"/>) and a float output
/// <see cref="Logits"/> <c>[batch, 3]</c>, both dimensions of the inputs free. <see cref="Check"/> compares
/// a loaded session with that and says what differs.
/// </summary>
internal static class JudgeGraph
{
    /// <summary>The word-piece ids.</summary>
    public const string InputIds = "input_ids";

    /// <summary>1 on the pair's tokens, 0 on padding.</summary>
    public const string AttentionMask = "attention_mask";

    /// <summary>0 on the claim part, 1 on the passage part.</summary>
    public const string TokenTypeIds = "token_type_ids";

    /// <summary>The three logits of each pair, in <see cref="EntailmentLabel"/> order.</summary>
    public const string Logits = "logits";

    /// <summary>The inputs, in the order the judge passes them.</summary>
    public static readonly string[] Inputs = [InputIds, AttentionMask, TokenTypeIds];

    /// <summary>The one output the judge reads.</summary>
    public static readonly string[] Outputs = [Logits];

    /// <summary>Logits per pair.</summary>
    public const int Classes = 3;

    /// <summary>
    /// Checks the session's inputs and output against the contract; throws <see cref="ClaimMlModelException"/>
    /// naming the model and saying what was expected and what was found.
    /// </summary>
    public static void Check(InferenceSession session, string description)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        foreach (string name in Inputs)
        {
            if (!inputs.TryGetValue(name, out NodeMetadata? input))
            {
                throw Mismatch(description, $"has no input '{name}' (expected inputs {List(Inputs)}; found {List(inputs.Keys)})");
            }
            CheckTensor(description, "input", name, input, TensorElementType.Int64, "int64 [batch, sequence]");
            for (int d = 0; d < 2; d++)
            {
                if (input.Dimensions[d] >= 0)
                {
                    throw Mismatch(description, $"input '{name}' has a fixed {(d == 0 ? "batch" : "sequence")} dimension (expected int64 [batch, sequence] with both free; found {Shape(input)}); export it with dynamic axes");
                }
            }
        }
        foreach (string name in inputs.Keys)
        {
            if (Array.IndexOf(Inputs, name) < 0)
            {
                throw Mismatch(description, $"has an input '{name}' that the judge does not feed (expected inputs {List(Inputs)}; found {List(inputs.Keys)})");
            }
        }
        IReadOnlyDictionary<string, NodeMetadata> outputs = session.OutputMetadata;
        if (!outputs.TryGetValue(Logits, out NodeMetadata? logits))
        {
            throw Mismatch(description, $"has no output '{Logits}' (expected float [batch, {Classes}]; found outputs {List(outputs.Keys)})");
        }
        CheckTensor(description, "output", Logits, logits, TensorElementType.Float, $"float [batch, {Classes}]");
        if (logits.Dimensions[1] >= 0 && logits.Dimensions[1] != Classes)
        {
            throw Mismatch(description, $"output '{Logits}' has {logits.Dimensions[1]} classes (expected float [batch, {Classes}]; found {Shape(logits)})");
        }
    }

    private static void CheckTensor(string description, string kind, string name, NodeMetadata node, TensorElementType type, string expected)
    {
        if (!node.IsTensor)
        {
            throw Mismatch(description, $"{kind} '{name}' is a {node.OnnxValueType}, not a tensor (expected {expected})");
        }
        if (node.ElementDataType != type || node.Dimensions.Length != 2)
        {
            throw Mismatch(description, $"{kind} '{name}' is {TypeName(node.ElementDataType)} {Shape(node)} (expected {expected})");
        }
    }

    private static ClaimMlModelException Mismatch(string description, string what) =>
        new($"Judge model '{description}': the graph {what}.");

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    /// <summary>A shape as <c>[batch, 3]</c>: symbolic names for free dimensions (<c>?</c> when unnamed), numbers for fixed ones.</summary>
    private static string Shape(NodeMetadata node)
    {
        var parts = new string[node.Dimensions.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string symbol = i < node.SymbolicDimensions.Length ? node.SymbolicDimensions[i] : string.Empty;
            parts[i] = node.Dimensions[i] >= 0
                ? node.Dimensions[i].ToString(CultureInfo.InvariantCulture)
                : string.IsNullOrEmpty(symbol) ? "?" : symbol;
        }
        return "[" + string.Join(", ", parts) + "]";
    }

    private static string TypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float",
        TensorElementType.Float16 => "float16",
        TensorElementType.Double => "double",
        TensorElementType.Int64 => "int64",
        TensorElementType.Int32 => "int32",
        _ => type.ToString().ToLowerInvariant(),
    };
}
