namespace ClaimMl.JudgeTrainer.Training;

/// <summary>How the judge is fine-tuned. The defaults are the shipped judge's.</summary>
internal sealed record JudgeTrainingOptions
{
    /// <summary>Seeds the head's initialisation, dropout, the shuffles and the dev split: the same seed, data and threads give the same judge.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Passes over the training pairs (a fraction stops part-way through the last).</summary>
    public double Epochs { get; init; } = 2;

    /// <summary>Stops after this many optimizer steps even if <see cref="Epochs"/> is not reached (0: no limit).</summary>
    public int MaxSteps { get; init; }

    /// <summary>Pairs per optimizer step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate of AdamW.</summary>
    public double LearningRate { get; init; } = 4e-5;

    /// <summary>Share of the steps over which the learning rate rises linearly from 0; it then falls linearly to 0.</summary>
    public double WarmupFraction { get; init; } = 0.06;

    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Dropout in the encoder and before the head, during training.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Transformer layers kept of the pretrained encoder (the first ones).</summary>
    public int Layers { get; init; } = 6;

    /// <summary>Longest input in word pieces, special tokens included.</summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>Most word pieces kept of a claim.</summary>
    public int MaxClaimTokens { get; init; } = 48;

    /// <summary>CPU threads for libtorch.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Saved 32-bit weights of a judge (<c>train --save-weights</c>) to go on fine-tuning from, in place of the pretrained
    /// encoder and a new head; null starts from the pretrained encoder.
    /// </summary>
    public string? StartFrom { get; init; }

    /// <summary>
    /// Weights each training pair's loss by how little its word overlap with the passage tells of its label
    /// (<see cref="OverlapBias.Weights"/>), so that the judge learns to read rather than to count shared words.
    /// </summary>
    public bool DebiasOverlap { get; init; }

    /// <summary>
    /// A folder to save the run's state in every <see cref="CheckpointEvery"/> steps and when it is cancelled, and to go
    /// on from when it already holds a state of the same run (<see cref="TrainingCheckpoint"/>); null saves nothing.
    /// </summary>
    public string? Checkpoint { get; init; }

    /// <summary>With <see cref="Checkpoint"/>: save the run's state every this many steps (0: only when cancelled).</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>Scores the dev part every this many steps (0: only at the end).</summary>
    public int EvaluateEvery { get; init; } = 1000;

    /// <summary>Labels, in the order of the head's outputs.</summary>
    public static readonly string[] Labels = ["entails", "contradicts", "neither"];
}
