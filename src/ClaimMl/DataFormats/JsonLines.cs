using System.Text.Json;

namespace ClaimMl.DataFormats;

/// <summary>Reads a JSON Lines file whole: one object per non-blank line, errors naming the file and line.</summary>
internal static class JsonLines
{
    public static List<(int Line, JsonElement Object)> Read(string file) => Parse(file, StrictText.ReadAll(file));

    /// <summary>The objects of <paramref name="text"/>, the content of <paramref name="file"/> (named in errors).</summary>
    public static List<(int Line, JsonElement Object)> Parse(string file, string text)
    {
        var result = new List<(int, JsonElement)>();
        int lineNumber = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonElement element;
            try
            {
                using JsonDocument document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ClaimMlDataException(file, lineNumber, null, $"not valid JSON: {e.Message}", e);
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ClaimMlDataException(file, lineNumber, null, $"expected a JSON object, found {element.ValueKind}.");
            }
            result.Add((lineNumber, element));
        }
        return result;
    }

    public static string String(string file, int line, JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out JsonElement value))
        {
            throw new ClaimMlDataException(file, line, field, "missing.");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ClaimMlDataException(file, line, field, $"must be a string, found {value.ValueKind}.");
        }
        return value.GetString()!;
    }

    public static JsonElement Array(string file, int line, JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out JsonElement value))
        {
            throw new ClaimMlDataException(file, line, field, "missing.");
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ClaimMlDataException(file, line, field, $"must be an array, found {value.ValueKind}.");
        }
        return value;
    }
}
