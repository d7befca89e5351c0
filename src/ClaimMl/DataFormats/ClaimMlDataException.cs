namespace ClaimMl;

/// <summary>
/// Input that cannot be read: names the file, the line (1-based, 0 when not known) and the field at
/// fault. Nothing is trained or checked on a file that raised it.
/// </summary>
public sealed class ClaimMlDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file at fault.</param>
    /// <param name="line">The 1-based line at fault, or 0 when the whole file is at fault.</param>
    /// <param name="field">The field or column at fault, if any.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ClaimMlDataException(string file, int line, string? field, string problem, Exception? innerException = null)
        : base(Format(file, line, field, problem), innerException)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line at fault, or 0 when the whole file is at fault.</summary>
    public int Line { get; }

    /// <summary>The field or column at fault, if any.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, string? field, string problem)
    {
        string where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
