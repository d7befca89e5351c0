using System.Text;

namespace ClaimMl.Training;

/// <summary>A judge training pair in the written pairs' JSON Lines format (<c>train --written-pairs</c>).</summary>
/// <param name="Group">Where it came from (the event's folder name); not read by the trainer.</param>
/// <param name="Passage">The passage.</param>
/// <param name="Claim">The claim.</param>
/// <param name="Label"><c>entails</c>, <c>contradicts</c> or <c>neither</c>.</param>
/// <param name="Kind">How it was made; not read by the trainer.</param>
internal sealed record WrittenPairLine(string Group, string Passage, string Claim, string Label, string Kind)
{
    /// <summary>
    /// This pair as a JSON Lines line (<c>group</c>, <c>passage</c>, <c>claim</c>, <c>label</c>, <c>kind</c>), with a
    /// space after each colon and comma, and only <c>"</c>, <c>\</c> and control characters escaped (other text as is).
    /// </summary>
    public string ToJsonLine()
    {
        var line = new StringBuilder(Passage.Length + Claim.Length + 96);
        line.Append('{');
        Field(line, "group", Group).Append(", ");
        Field(line, "passage", Passage).Append(", ");
        Field(line, "claim", Claim).Append(", ");
        Field(line, "label", Label).Append(", ");
        Field(line, "kind", Kind);
        return line.Append('}').ToString();
    }

    private static StringBuilder Field(StringBuilder line, string name, string value)
    {
        String(line, name).Append(": ");
        return String(line, value);
    }

    private static StringBuilder String(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': line.Append("\\r"); break;
                case '\t': line.Append("\\t"); break;
                case '\b': line.Append("\\b"); break;
                case '\f': line.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        line.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        line.Append(c);
                    }
                    break;
            }
        }
        return line.Append('"');
    }
}
