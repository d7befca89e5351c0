using System.Buffers;
using Microsoft.ML.OnnxRuntime;

namespace ClaimMl.Entailment;

/// <summary>What the judge read in one claim–passage pair.</summary>
/// <param name="Probabilities">Entails, contradicts, neither; they sum to 1.</param>
/// <param name="ClaimCut">The claim was longer than the judge's claim budget and its end was not read.</param>
/// <param name="PassageCut">The passage did not fit in the window and its end was not read.</param>
internal readonly record struct Judgement(EntailmentProbabilities Probabilities, bool ClaimCut, bool PassageCut);

/// <summary>
/// The entailment judge at check time: a BERT cross-encoder run by ONNX Runtime over
/// <c>[CLS] claim [SEP] passage [SEP]</c>, giving the probability that the passage entails, contradicts or
/// neither. Owns its <see cref="InferenceSession"/>; made by <see cref="JudgeModelFile.Load(string, JudgeOptions?)"/>,
/// which checks the file and the graph first. Thread-safe: one judge serves every thread (ONNX Runtime's
/// <c>Run</c> is thread-safe, and each thread pads its batches in its own buffers). Dispose it when no call
/// is running any more.
/// </summary>
internal sealed class EntailmentJudge : IDisposable
{
    /// <summary>Each thread's batch buffers, reused by every call on that thread (grown when a judge needs more).</summary>
    [ThreadStatic]
    private static BatchBuffers? t_buffers;

    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly long _paddingId;
    private int _disposed;

    private EntailmentJudge(string description, JudgeManifest manifest, JudgeTokenizer tokenizer, JudgeOptions options, SessionOptions sessionOptions, InferenceSession session)
    {
        Description = description;
        Manifest = manifest;
        Tokenizer = tokenizer;
        MaxBatchSize = options.MaxBatchSize ?? JudgeOptions.DefaultBatchSize(manifest.Quantization);
        IntraOpThreads = options.ResolvedIntraOpThreads;
        _sessionOptions = sessionOptions;
        _session = session;
        _runOptions = new RunOptions();
        _paddingId = tokenizer.PaddingId;
    }

    /// <summary>The model's path, or what it was loaded from (e.g. "embedded judge model"), as error messages name it.</summary>
    public string Description { get; }

    /// <summary>The model file's manifest.</summary>
    public JudgeManifest Manifest { get; }

    /// <summary>The tokenizer over the model's vocabulary and window.</summary>
    public JudgeTokenizer Tokenizer { get; }

    /// <summary>Most pairs per run of the graph.</summary>
    public int MaxBatchSize { get; }

    /// <summary>Threads ONNX Runtime uses inside one run.</summary>
    public int IntraOpThreads { get; }

    /// <summary>
    /// Creates the session over a graph whose file checks have passed, and checks the graph. Nothing is left
    /// half-made: if ONNX Runtime refuses the graph, or it is not the judge's graph, the session and its
    /// options are disposed before the <see cref="ClaimMlModelException"/> is thrown.
    /// </summary>
    internal static EntailmentJudge Create(byte[] graph, string description, JudgeManifest manifest, JudgeTokenizer tokenizer, JudgeOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.ResolvedIntraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // Pool threads (when IntraOpThreads > 1) sleep between runs instead of spinning for work: the judge
        // shares its cores with the caller's other threads. (On the busy 2-core machine of JudgeBenchmarks the
        // 2-thread runs were as fast or faster without spinning; the runs were too noisy to say by how much.)
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        InferenceSession? session = null;
        try
        {
            try
            {
                session = new InferenceSession(graph, sessionOptions);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ClaimMlModelException($"Judge model '{description}': ONNX Runtime refused the graph in '{manifest.Model?.File}': {e.Message}", e);
            }
            JudgeGraph.Check(session, description);
            return new EntailmentJudge(description, manifest, tokenizer, options, sessionOptions, session);
        }
        catch
        {
            session?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Judges claim–passage pairs: tokenizes each (<see cref="JudgeTokenizer.Encode"/>), then runs them in
    /// batches (see <see cref="Score"/>).
    /// </summary>
    /// <param name="pairs">The pairs; any number, any order.</param>
    /// <returns>One judgement per pair, in the order of <paramref name="pairs"/>.</returns>
    public Judgement[] Judge(IReadOnlyList<(string Claim, string Passage)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var inputs = new JudgeInput[pairs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            (string claim, string passage) = pairs[i];
            inputs[i] = Tokenizer.Encode(claim, passage);
        }
        var probabilities = new EntailmentProbabilities[inputs.Length];
        Score(inputs, probabilities);
        var judgements = new Judgement[inputs.Length];
        for (int i = 0; i < judgements.Length; i++)
        {
            judgements[i] = new Judgement(probabilities[i], inputs[i].ClaimCut, inputs[i].PassageCut);
        }
        return judgements;
    }

    /// <summary>
    /// Scores encoded pairs. They are sorted by length and run in batches of up to <see cref="MaxBatchSize"/>,
    /// each padded to its longest pair (<c>[PAD]</c> ids, attention mask 0, segment 0); the logits go through
    /// a softmax. A pair's probabilities do not depend on the batch it lands in (to float rounding), and equal
    /// inputs give bit-identical results whichever thread runs them.
    /// </summary>
    /// <param name="inputs">Pairs encoded by <see cref="Tokenizer"/> (or the same way): 3 to <see cref="JudgeTokenizer.MaxTokens"/> ids each.</param>
    /// <param name="probabilities">Receives one result per input, in the order of <paramref name="inputs"/>.</param>
    /// <exception cref="ClaimMlModelException">ONNX Runtime failed to run the graph on a batch.</exception>
    public void Score(IReadOnlyList<JudgeInput> inputs, Span<EntailmentProbabilities> probabilities)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int count = inputs.Count;
        if (probabilities.Length < count)
        {
            throw new ArgumentException($"The result buffer holds {probabilities.Length} pairs, fewer than the {count} inputs.", nameof(probabilities));
        }
        if (count == 0)
        {
            return;
        }
        // Sort keys: length in the high half, index in the low one, so that equal lengths keep their order
        // and the batches are the same for the same inputs on every thread.
        long[] order = ArrayPool<long>.Shared.Rent(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                JudgeInput input = inputs[i] ?? throw new ArgumentException($"Input {i} is null.", nameof(inputs));
                if (input.Length < 3 || input.Length > Tokenizer.MaxTokens || input.SegmentIds.Length != input.Length)
                {
                    throw new ArgumentException($"Input {i} has {input.Length} ids and {input.SegmentIds.Length} segment ids; the judge reads 3 to {Tokenizer.MaxTokens}, one segment id each.", nameof(inputs));
                }
                order[i] = ((long)input.Length << 32) | (uint)i;
            }
            Array.Sort(order, 0, count);
            BatchBuffers buffers = t_buffers ??= new BatchBuffers();
            buffers.Ensure(MaxBatchSize, Tokenizer.MaxTokens);
            for (int start = 0; start < count; start += MaxBatchSize)
            {
                int size = Math.Min(MaxBatchSize, count - start);
                RunBatch(inputs, order.AsSpan(start, size), buffers, probabilities);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(order);
        }
    }

    /// <summary>Pads one batch (sorted by length, so its last pair is the longest) into the buffers, runs the graph and writes the softmax of each pair's logits.</summary>
    private void RunBatch(IReadOnlyList<JudgeInput> inputs, ReadOnlySpan<long> batch, BatchBuffers buffers, Span<EntailmentProbabilities> probabilities)
    {
        int size = batch.Length;
        int sequence = (int)(batch[size - 1] >> 32);
        int cells = size * sequence;
        Span<long> ids = buffers.Ids.AsSpan(0, cells);
        Span<long> mask = buffers.Mask.AsSpan(0, cells);
        Span<long> segments = buffers.Segments.AsSpan(0, cells);
        for (int row = 0; row < size; row++)
        {
            JudgeInput input = inputs[(int)batch[row]];
            int at = row * sequence;
            for (int t = 0; t < input.Length; t++)
            {
                ids[at + t] = input.Ids[t];
                mask[at + t] = 1;
                segments[at + t] = input.SegmentIds[t];
            }
            int padding = sequence - input.Length;
            ids.Slice(at + input.Length, padding).Fill(_paddingId);
            mask.Slice(at + input.Length, padding).Clear();
            segments.Slice(at + input.Length, padding).Clear();
        }
        long[] shape = [size, sequence];
        using (OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Ids.AsMemory(0, cells), shape))
        using (OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Mask.AsMemory(0, cells), shape))
        using (OrtValue segmentsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Segments.AsMemory(0, cells), shape))
        using (OrtValue logitsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffers.Logits.AsMemory(0, size * JudgeGraph.Classes), [size, JudgeGraph.Classes]))
        {
            buffers.InputValues[0] = idsValue;
            buffers.InputValues[1] = maskValue;
            buffers.InputValues[2] = segmentsValue;
            buffers.OutputValues[0] = logitsValue;
            try
            {
                _session.Run(_runOptions, JudgeGraph.Inputs, buffers.InputValues, JudgeGraph.Outputs, buffers.OutputValues);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ClaimMlModelException($"Judge model '{Description}' failed on a batch of {size} pairs of up to {sequence} tokens: {e.Message}", e);
            }
            finally
            {
                Array.Clear(buffers.InputValues);
                Array.Clear(buffers.OutputValues);
            }
        }
        ReadOnlySpan<float> logits = buffers.Logits.AsSpan(0, size * JudgeGraph.Classes);
        for (int row = 0; row < size; row++)
        {
            probabilities[(int)batch[row]] = Softmax(logits.Slice(row * JudgeGraph.Classes, JudgeGraph.Classes));
        }
    }

    /// <summary>The softmax of three logits, with the largest subtracted first so that no exponential overflows.</summary>
    internal static EntailmentProbabilities Softmax(ReadOnlySpan<float> logits)
    {
        float max = MathF.Max(logits[0], MathF.Max(logits[1], logits[2]));
        float entails = MathF.Exp(logits[0] - max);
        float contradicts = MathF.Exp(logits[1] - max);
        float neither = MathF.Exp(logits[2] - max);
        float sum = entails + contradicts + neither;
        return new EntailmentProbabilities(entails / sum, contradicts / sum, neither / sum);
    }

    /// <summary>Releases the session. Call it only when no <see cref="Score"/> or <see cref="Judge"/> is running.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _session.Dispose();
        _sessionOptions.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>One thread's padded batch: ids, mask and segments of up to <c>batch × window</c> cells, and the logits.</summary>
    private sealed class BatchBuffers
    {
        public long[] Ids { get; private set; } = [];
        public long[] Mask { get; private set; } = [];
        public long[] Segments { get; private set; } = [];
        public float[] Logits { get; private set; } = [];
        public OrtValue[] InputValues { get; } = new OrtValue[3];
        public OrtValue[] OutputValues { get; } = new OrtValue[1];

        /// <summary>Grows the buffers to hold a batch of <paramref name="batch"/> pairs of <paramref name="window"/> tokens.</summary>
        public void Ensure(int batch, int window)
        {
            int cells = batch * window;
            if (Ids.Length < cells)
            {
                Ids = new long[cells];
                Mask = new long[cells];
                Segments = new long[cells];
            }
            if (Logits.Length < batch * JudgeGraph.Classes)
            {
                Logits = new float[batch * JudgeGraph.Classes];
            }
        }
    }
}
