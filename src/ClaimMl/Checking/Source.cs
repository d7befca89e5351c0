namespace ClaimMl;

/// <summary>A document a claim is checked against: a news article, a retrieved passage, a report.</summary>
/// <param name="Name">A name to report the source by (for files, the file name).</param>
/// <param name="Text">The full text.</param>
public sealed record Source(string Name, string Text);
