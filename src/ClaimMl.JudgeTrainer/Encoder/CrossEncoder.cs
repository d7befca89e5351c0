using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// A BERT cross-encoder in TorchSharp: the encoder (embeddings, <see cref="EncoderShape.Layers"/> transformer
/// layers, tanh pooler on <c>[CLS]</c>) and a linear classification head on the pooled output, as Hugging Face's
/// <c>BertForSequenceClassification</c>. Parameters carry the PyTorch names of <see cref="EncoderGraph.Weights"/>
/// (plus <c>classifier.weight</c>, <c>classifier.bias</c>), so weights move between the two by name.
/// </summary>
internal sealed class CrossEncoder : Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>LayerNorm epsilon of BERT.</summary>
    public const double LayerNormEpsilon = 1e-12;

    /// <summary>What a masked position adds to the attention scores (as in the exported graph).</summary>
    public const float MaskedScore = -10000f;

    private readonly Embeddings _embeddings;
    private readonly ModuleList<Layer> _layers;
    private readonly Linear _pooler;
    private readonly Dropout _dropout;
    private readonly Linear _classifier;

    public CrossEncoder(EncoderShape shape, int classes, double dropout) : base(nameof(CrossEncoder))
    {
        Shape = shape;
        _embeddings = new Embeddings(shape, dropout);
        _layers = new ModuleList<Layer>();
        for (int i = 0; i < shape.Layers; i++)
        {
            _layers.Add(new Layer(shape, dropout, $"encoder.layer.{i}."));
        }
        _pooler = Linear(shape.Hidden, shape.Hidden);
        _dropout = Dropout(dropout);
        _classifier = Linear(shape.Hidden, classes);

        register_module("embeddings", _embeddings);
        var encoder = new ModuleHolder("encoder");
        encoder.register_module("layer", _layers);
        register_module("encoder", encoder);
        var pooler = new ModuleHolder("pooler");
        pooler.register_module("dense", _pooler);
        register_module("pooler", pooler);
        register_module("dropout", _dropout);
        register_module("classifier", _classifier);
    }

    public EncoderShape Shape { get; }

    /// <summary>
    /// Called, when set, with the input [batch, sequence, in] of every linear map of the transformer layers and the names
    /// of the weights it multiplies (the query, key and value maps share one input), during <see cref="forward"/>; the
    /// tensor lives only for the call. <see cref="InputStatistics"/> sums the inputs' second moments with it.
    /// </summary>
    public Action<string[], Tensor>? InputObserver
    {
        get;
        set
        {
            field = value;
            foreach (Layer layer in _layers)
            {
                layer.Observer = value;
            }
        }
    }

    /// <summary>Logits [batch, classes] for token ids, attention mask (1 real, 0 padding) and segment ids, all int64 [batch, sequence].</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        Tensor pooled = Pool(inputIds, attentionMask, tokenTypeIds);
        return _classifier.forward(_dropout.forward(pooled)).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled output [batch, hidden]: tanh of the pooler on the last layer's <c>[CLS]</c> state.</summary>
    public Tensor Pool(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        Tensor hidden = _embeddings.forward(inputIds, tokenTypeIds);
        // [batch, 1, 1, sequence]: 0 where attended, MaskedScore where padded.
        Tensor maskScores = (1 - attentionMask.unsqueeze(1).unsqueeze(2).to_type(ScalarType.Float32)) * MaskedScore;
        foreach (Layer layer in _layers)
        {
            hidden = layer.forward(hidden, maskScores);
        }
        return tanh(_pooler.forward(hidden.select(1, 0))).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Copies every encoder weight of <paramref name="graph"/> into this module (the head keeps its initialisation, and
    /// so does the pooler when the graph has none: <see cref="EncoderGraph.HasPooler"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">A parameter of this module has no weight in the graph, or shapes differ.</exception>
    public void LoadEncoderWeights(EncoderGraph graph)
    {
        using var noGrad = no_grad();
        foreach ((string name, Parameter parameter) in named_parameters())
        {
            if (name.StartsWith("classifier.", StringComparison.Ordinal) || (!graph.HasPooler && name.StartsWith("pooler.", StringComparison.Ordinal)))
            {
                continue;
            }
            if (!graph.Weights.TryGetValue(name, out EncoderWeight? weight))
            {
                throw new InvalidDataException($"The encoder graph has no weight for the parameter '{name}'.");
            }
            if (!weight.Shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"The weight '{name}' is [{string.Join(", ", weight.Shape)}] in the graph, [{string.Join(", ", parameter.shape)}] in the model.");
            }
            using Tensor values = tensor(graph.Values(weight), parameter.shape);
            parameter.copy_(values);
        }
    }

    /// <summary>Copies every parameter's values from <paramref name="weights"/> (by name, PyTorch layout; the inverse of <see cref="ExportWeights"/>).</summary>
    /// <exception cref="InvalidDataException">A parameter has no values there, or their shape differs.</exception>
    public void ImportWeights(IReadOnlyDictionary<string, (float[] Values, long[] Shape)> weights)
    {
        using var noGrad = no_grad();
        foreach ((string name, Parameter parameter) in named_parameters())
        {
            if (!weights.TryGetValue(name, out var found))
            {
                throw new InvalidDataException($"No weight for the parameter '{name}'.");
            }
            if (!found.Shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"The weight '{name}' is [{string.Join(", ", found.Shape)}], the parameter [{string.Join(", ", parameter.shape)}].");
            }
            using Tensor values = tensor(found.Values, parameter.shape);
            parameter.copy_(values);
        }
    }

    /// <summary>Every parameter's values by name, in PyTorch layout.</summary>
    public Dictionary<string, (float[] Values, long[] Shape)> ExportWeights()
    {
        var result = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);
        foreach ((string name, Parameter parameter) in named_parameters())
        {
            using Tensor cpu = parameter.detach().cpu().contiguous();
            result[name] = (cpu.data<float>().ToArray(), parameter.shape);
        }
        return result;
    }

    private sealed class ModuleHolder(string name) : Module(name);

    private sealed class Embeddings : Module<Tensor, Tensor, Tensor>
    {
        private readonly Embedding _words;
        private readonly Embedding _positions;
        private readonly Embedding _types;
        private readonly LayerNorm _norm;
        private readonly Dropout _dropout;

        public Embeddings(EncoderShape shape, double dropout) : base("embeddings")
        {
            _words = Embedding(shape.Vocabulary, shape.Hidden);
            _positions = Embedding(shape.Positions, shape.Hidden);
            _types = Embedding(shape.TokenTypes, shape.Hidden);
            _norm = LayerNorm(shape.Hidden, LayerNormEpsilon);
            _dropout = Dropout(dropout);
            register_module("word_embeddings", _words);
            register_module("position_embeddings", _positions);
            register_module("token_type_embeddings", _types);
            register_module("LayerNorm", _norm);
            register_module("dropout", _dropout);
        }

        public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds)
        {
            using var positions = arange(inputIds.shape[1], dtype: ScalarType.Int64).unsqueeze(0);
            Tensor sum = _words.forward(inputIds) + _positions.forward(positions) + _types.forward(tokenTypeIds);
            return _dropout.forward(_norm.forward(sum));
        }
    }

    private sealed class Layer : Module<Tensor, Tensor, Tensor>
    {
        private readonly int _heads;
        private readonly int _headSize;
        private readonly Linear _query;
        private readonly Linear _key;
        private readonly Linear _value;
        private readonly Linear _attentionOutput;
        private readonly LayerNorm _attentionNorm;
        private readonly Linear _intermediate;
        private readonly Linear _output;
        private readonly LayerNorm _outputNorm;
        private readonly Dropout _dropout;

        private readonly string[] _attentionInputs;
        private readonly string[] _attentionOutputInputs;
        private readonly string[] _intermediateInputs;
        private readonly string[] _outputInputs;

        public Layer(EncoderShape shape, double dropout, string prefix) : base("layer")
        {
            _attentionInputs = [prefix + "attention.self.query.weight", prefix + "attention.self.key.weight", prefix + "attention.self.value.weight"];
            _attentionOutputInputs = [prefix + "attention.output.dense.weight"];
            _intermediateInputs = [prefix + "intermediate.dense.weight"];
            _outputInputs = [prefix + "output.dense.weight"];
            _heads = shape.Heads;
            _headSize = shape.Hidden / shape.Heads;
            _query = Linear(shape.Hidden, shape.Hidden);
            _key = Linear(shape.Hidden, shape.Hidden);
            _value = Linear(shape.Hidden, shape.Hidden);
            _attentionOutput = Linear(shape.Hidden, shape.Hidden);
            _attentionNorm = LayerNorm(shape.Hidden, LayerNormEpsilon);
            _intermediate = Linear(shape.Hidden, shape.Intermediate);
            _output = Linear(shape.Intermediate, shape.Hidden);
            _outputNorm = LayerNorm(shape.Hidden, LayerNormEpsilon);
            _dropout = Dropout(dropout);

            var attention = new ModuleHolder("attention");
            var self = new ModuleHolder("self");
            self.register_module("query", _query);
            self.register_module("key", _key);
            self.register_module("value", _value);
            attention.register_module("self", self);
            var attentionOutput = new ModuleHolder("output");
            attentionOutput.register_module("dense", _attentionOutput);
            attentionOutput.register_module("LayerNorm", _attentionNorm);
            attention.register_module("output", attentionOutput);
            register_module("attention", attention);
            var intermediate = new ModuleHolder("intermediate");
            intermediate.register_module("dense", _intermediate);
            register_module("intermediate", intermediate);
            var output = new ModuleHolder("output");
            output.register_module("dense", _output);
            output.register_module("LayerNorm", _outputNorm);
            register_module("output", output);
            register_module("dropout", _dropout);
        }

        public Action<string[], Tensor>? Observer { get; set; }

        public override Tensor forward(Tensor hidden, Tensor maskScores)
        {
            Observer?.Invoke(_attentionInputs, hidden);
            long batch = hidden.shape[0], sequence = hidden.shape[1];
            Tensor Heads(Tensor x) => x.view(batch, sequence, _heads, _headSize).transpose(1, 2);
            Tensor q = Heads(_query.forward(hidden));
            Tensor k = Heads(_key.forward(hidden));
            Tensor v = Heads(_value.forward(hidden));
            Tensor scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(_headSize) + maskScores;
            Tensor weights = _dropout.forward(functional.softmax(scores, -1));
            Tensor context = weights.matmul(v).transpose(1, 2).contiguous().view(batch, sequence, _heads * _headSize);
            Observer?.Invoke(_attentionOutputInputs, context);
            Tensor attended = _attentionNorm.forward(_dropout.forward(_attentionOutput.forward(context)) + hidden);
            Observer?.Invoke(_intermediateInputs, attended);
            Tensor inner = functional.gelu(_intermediate.forward(attended));
            Observer?.Invoke(_outputInputs, inner);
            return _outputNorm.forward(_dropout.forward(_output.forward(inner)) + attended);
        }
    }
}
