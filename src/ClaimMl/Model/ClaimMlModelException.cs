namespace ClaimMl;

/// <summary>A model file that cannot be used: missing, corrupt, of another format version, or trained with another feature set.</summary>
public sealed class ClaimMlModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the model.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ClaimMlModelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
