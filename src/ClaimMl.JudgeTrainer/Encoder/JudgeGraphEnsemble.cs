using Google.Protobuf;
using Onnx;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// Joins judge graphs into one that reads every pair with each of them and gives the mean of their probabilities: the
/// members' nodes and weights side by side on the same three inputs, each member's logits through a softmax, the
/// softmaxes averaged, and the log of the mean as the graph's <c>logits</c>. The judge applies a softmax to the logits,
/// so it gets the mean of the members' probabilities back, and reads the joined graph as any other. Each pair costs one
/// reading per member.
/// </summary>
internal static class JudgeGraphEnsemble
{
    /// <summary>What each member's node, value and weight names are prefixed with: <c>member0/</c>, <c>member1/</c>, ….</summary>
    internal const string MemberPrefix = "member";

    private const string MeanWeight = "ensemble.member_weight";

    /// <summary>The joined graph's bytes.</summary>
    /// <param name="graphs">Two or more judge graphs (as <see cref="JudgeGraphWriter.Write"/> writes them), with the same inputs.</param>
    /// <exception cref="InvalidDataException">A graph is not readable, has no <c>logits</c> output, or has other inputs than the first.</exception>
    public static byte[] Join(IReadOnlyList<byte[]> graphs)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        if (graphs.Count < 2)
        {
            throw new ArgumentException($"An ensemble joins two or more judge graphs; got {graphs.Count}.", nameof(graphs));
        }
        ModelProto? joined = null;
        string[] inputs = [];
        var probabilities = new List<string>(graphs.Count);
        for (int i = 0; i < graphs.Count; i++)
        {
            string what = $"member {i + 1}";
            ModelProto model = EncoderGraph.Parse(graphs[i], what);
            GraphProto g = model.Graph;
            string[] own = [.. g.Input.Select(v => v.Name)];
            if (joined is null)
            {
                inputs = own;
            }
            else if (!own.Order(StringComparer.Ordinal).SequenceEqual(inputs.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                throw new InvalidDataException($"The judge graph of {what} has the inputs {string.Join(", ", own)}; the first has {string.Join(", ", inputs)}.");
            }
            if (!g.Output.Any(o => o.Name == JudgeGraphWriter.LogitsOutput))
            {
                throw new InvalidDataException($"The judge graph of {what} has no output '{JudgeGraphWriter.LogitsOutput}'.");
            }
            string prefix = $"{MemberPrefix}{i}/";
            var kept = new HashSet<string>(own, StringComparer.Ordinal) { string.Empty };
            string Rename(string name) => kept.Contains(name) ? name : prefix + name;
            foreach (TensorProto initializer in g.Initializer)
            {
                initializer.Name = Rename(initializer.Name);
            }
            foreach (NodeProto node in g.Node)
            {
                if (node.Name.Length > 0)
                {
                    node.Name = prefix + node.Name;
                }
                for (int k = 0; k < node.Input.Count; k++)
                {
                    node.Input[k] = Rename(node.Input[k]);
                }
                for (int k = 0; k < node.Output.Count; k++)
                {
                    node.Output[k] = Rename(node.Output[k]);
                }
            }
            var softmax = new NodeProto { Name = prefix + "softmax", OpType = "Softmax" };
            softmax.Input.Add(prefix + JudgeGraphWriter.LogitsOutput);
            softmax.Output.Add(prefix + "probabilities");
            softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            g.Node.Add(softmax);
            probabilities.Add(softmax.Output[0]);
            if (joined is null)
            {
                joined = model;
                joined.Graph.ValueInfo.Clear();
                continue;
            }
            joined.Graph.Node.AddRange(g.Node);
            joined.Graph.Initializer.AddRange(g.Initializer);
            foreach (OperatorSetIdProto opset in model.OpsetImport)
            {
                OperatorSetIdProto? same = joined.OpsetImport.FirstOrDefault(o => o.Domain == opset.Domain);
                if (same is null)
                {
                    joined.OpsetImport.Add(opset.Clone());
                }
                else
                {
                    same.Version = Math.Max(same.Version, opset.Version);
                }
            }
        }
        GraphProto result = joined!.Graph;
        var weight = new TensorProto { Name = MeanWeight, DataType = (int)TensorProto.Types.DataType.Float };
        weight.FloatData.Add(1f / graphs.Count);
        result.Initializer.Add(weight);
        var sum = new NodeProto { Name = "ensemble_sum", OpType = "Sum" };
        sum.Input.AddRange(probabilities);
        sum.Output.Add("ensemble.sum");
        var mean = new NodeProto { Name = "ensemble_mean", OpType = "Mul" };
        mean.Input.AddRange([sum.Output[0], MeanWeight]);
        mean.Output.Add("ensemble.mean");
        var log = new NodeProto { Name = "ensemble_log", OpType = "Log" };
        log.Input.Add(mean.Output[0]);
        log.Output.Add(JudgeGraphWriter.LogitsOutput);
        result.Node.AddRange([sum, mean, log]);
        ValueInfoProto output = result.Output.Single(o => o.Name == $"{MemberPrefix}0/{JudgeGraphWriter.LogitsOutput}" || o.Name == JudgeGraphWriter.LogitsOutput).Clone();
        output.Name = JudgeGraphWriter.LogitsOutput;
        result.Output.Clear();
        result.Output.Add(output);
        joined.ProducerName = "ClaimMl.JudgeTrainer";
        joined.ProducerVersion = typeof(JudgeGraphEnsemble).Assembly.GetName().Version?.ToString() ?? string.Empty;
        return joined.ToByteArray();
    }
}
