using System.Text.Json;

namespace ClaimMl.DataFormats;

/// <summary>
/// A claim to check, with the id it was given (or its line number), the line it was read from, and
/// the verdict it is expected to get when the file gives one (<c>"expected"</c>, for evaluation).
/// </summary>
internal readonly record struct ClaimInput(string Id, string Text, int Line = 0, Verdict? Expected = null);

/// <summary>
/// Reads the claims to check: <c>.jsonl</c> (one <c>{"id": ..., "claim": ...}</c> object per line,
/// other fields ignored) or <c>.txt</c> (one claim per line; blank lines are skipped and the id is the
/// line number). Every problem is a <see cref="ClaimMlDataException"/> naming the file and line: among them
/// a file longer than <see cref="ClaimCheckerLimits.MaxSourceLength"/>, a claim longer than
/// <see cref="ClaimCheckerLimits.MaxClaimLength"/> and a claim with no word (no letter or digit), which no
/// source could support or refute.
/// </summary>
internal static class ClaimFile
{
    public static List<ClaimInput> Read(string path) => Read(path, ClaimCheckerLimits.Default);

    public static List<ClaimInput> Read(string path, ClaimCheckerLimits limits)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".jsonl" or ".txt"))
        {
            throw new ClaimMlDataException(path, 0, null, $"claims files must be .jsonl or .txt, not '{extension}'.");
        }
        // A claims file is held to the length of a source, and refused before it is read whole.
        string[] lines = StrictText.ReadAll(path, limits).Split('\n');
        var claims = new List<ClaimInput>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            ClaimInput claim = extension == ".jsonl" ? ParseJsonLine(path, i + 1, line) : new ClaimInput((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), line.Trim(), i + 1);
            if (!ids.Add(claim.Id))
            {
                throw new ClaimMlDataException(path, i + 1, "id", $"id '{claim.Id}' appears twice.");
            }
            string? field = extension == ".jsonl" ? "claim" : null;
            if (claim.Text.Length > limits.MaxClaimLength)
            {
                throw new ClaimMlDataException(path, i + 1, field, ClaimCheckerLimits.Describe("the claim", claim.Text.Length, "characters long",
                    limits.MaxClaimLength, nameof(ClaimCheckerLimits.MaxClaimLength)));
            }
            if (!HasWord(claim.Text))
            {
                throw new ClaimMlDataException(path, i + 1, field, $"the claim '{Shorten(claim.Text)}' holds no word (no letter or digit); no source can support or refute it.");
            }
            claims.Add(claim);
        }
        if (claims.Count == 0)
        {
            throw new ClaimMlDataException(path, 0, null, "the file holds no claims.");
        }
        return claims;
    }

    /// <summary>Whether <paramref name="text"/> holds a letter or digit, i.e. a token the checker can match.</summary>
    public static bool HasWord(string text)
    {
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static ClaimInput ParseJsonLine(string path, int line, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ClaimMlDataException(path, line, null, $"not a JSON object: {e.Message}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClaimMlDataException(path, line, null, $"expected a JSON object, found {root.ValueKind}.");
            }
            if (!root.TryGetProperty("claim", out JsonElement claim))
            {
                throw new ClaimMlDataException(path, line, "claim", "the object has no 'claim' field.");
            }
            if (claim.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(claim.GetString()))
            {
                throw new ClaimMlDataException(path, line, "claim", $"'claim' must be a non-empty string, found {claim.ValueKind}.");
            }
            string id = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (root.TryGetProperty("id", out JsonElement idElement))
            {
                id = idElement.ValueKind switch
                {
                    JsonValueKind.String => idElement.GetString()!,
                    JsonValueKind.Number => idElement.GetRawText(),
                    _ => throw new ClaimMlDataException(path, line, "id", $"'id' must be a string or a number, found {idElement.ValueKind}."),
                };
            }
            Verdict? expected = null;
            if (root.TryGetProperty("expected", out JsonElement expectedElement))
            {
                expected = expectedElement.ValueKind == JsonValueKind.String ? Words.VerdictOf(expectedElement.GetString()) : null;
                if (expected is null)
                {
                    throw new ClaimMlDataException(path, line, "expected", $"'expected' must be \"confirmed\", \"disputed\" or \"unverified\", found {expectedElement.GetRawText()}.");
                }
            }
            return new ClaimInput(id, claim.GetString()!.Trim(), line, expected);
        }
    }
}
