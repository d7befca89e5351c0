using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimMl.Cli;

/// <summary>The <c>&lt;model&gt;.metrics.json</c> file kept beside each model: how it was built and what it scored.</summary>
internal static class MetricsFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string PathFor(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileNameWithoutExtension(modelPath) + ".metrics.json");

    /// <summary>The command that is running, as a user would type it from the repository root.</summary>
    public static string CommandLine(string project = "src/ClaimMl.Cli") =>
        $"dotnet run -c Release --project {project} -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));

    public static JsonObject? Read(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;

    public static void Write(string path, JsonObject metrics) => CommandRunner.WriteAtomically(path, stream => WriteTo(stream, metrics));

    public static void WriteTo(Stream stream, JsonObject metrics)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        metrics.WriteTo(writer, Options);
    }
}
