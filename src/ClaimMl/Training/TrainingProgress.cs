namespace ClaimMl.Training;

/// <summary>A step of a training run, for a progress display.</summary>
/// <param name="Step">What is being done.</param>
/// <param name="Done">Units done in this step.</param>
/// <param name="Total">Units in this step.</param>
internal readonly record struct TrainingProgress(string Step, int Done, int Total);
