using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.Text;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>Claim–passage pairs written for the judge: the JSON Lines format, its errors, and how the pairs join the training pairs.</summary>
[TestFixture]
public sealed class WrittenPairsTests : TempDirectoryFixture
{
    private static string Line(string passage, string claim, string label) =>
        $"{{\"group\": \"t-1\", \"passage\": \"{passage}\", \"claim\": \"{claim}\", \"label\": \"{label}\", \"kind\": \"e1\"}}\n";

    private const string Dam = "The Orvik dam was closed for nine days in March after a crack was found, the water board said.";

    /// <summary>Twelve passages with three pairs each, in two files.</summary>
    private string WriteTwoFiles()
    {
        for (int file = 0; file < 2; file++)
        {
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < 6; i++)
            {
                string passage = $"The Brellan council approved {file * 6 + i + 10} new bus lanes on Tuesday, its transport chair said.";
                text.Append(Line(passage, $"Brellan's council backed {file * 6 + i + 10} new bus lanes.", "entails"));
                text.Append(Line(passage, $"Brellan's council rejected {file * 6 + i + 10} new bus lanes.", "contradicts"));
                text.Append(Line(passage, "The bus lanes will open next spring.", "neither"));
            }
            Temp.WriteText($"written/pairs-0{2 - file}.jsonl", text.ToString());
        }
        return Temp.File("written");
    }

    [Test]
    public void AFolderIsReadInNameOrderWithItsLabels()
    {
        List<NliPair> pairs = WrittenPairs.Load(WriteTwoFiles());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pairs, Has.Count.EqualTo(36));
            Assert.That(pairs[0].Side, Is.EqualTo("pairs-01"), "pairs-01.jsonl before pairs-02.jsonl, whatever order they were written in");
            Assert.That(pairs[0].Claim, Is.EqualTo("Brellan's council backed 16 new bus lanes."));
            Assert.That(pairs.Take(3).Select(p => p.Label), Is.EqualTo(new[] { EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither }));
            Assert.That(pairs[4].Line, Is.EqualTo(5));
        }
        Temp.WriteText("one.jsonl", Line(Dam, "The dam was shut for more than a week.", "entails"));
        Assert.That(WrittenPairs.Load(Temp.File("one.jsonl")).Single().Passage, Is.EqualTo(Dam), "one file is read too");
    }

    [TestCase("{\"passage\": \"P.\", \"claim\": \"C.\", \"label\": \"entailment\"}", "label", "'entailment' is not entails")]
    [TestCase("{\"passage\": \"P.\", \"label\": \"entails\"}", "claim", "missing")]
    [TestCase("{\"passage\": \"  \", \"claim\": \"C.\", \"label\": \"entails\"}", "passage", "empty")]
    [TestCase("{\"passage\": \"P.\", \"claim\": 3, \"label\": \"entails\"}", "claim", "must be a string")]
    public void ABadLineNamesItsFileLineAndField(string bad, string field, string problem)
    {
        string file = Temp.WriteText("written/pairs-01.jsonl", Line(Dam, "The dam was shut.", "entails") + "\n" + bad + "\n");
        var e = Assert.Throws<ClaimMlDataException>(() => WrittenPairs.Load(Temp.File("written")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(file));
            Assert.That(e.Line, Is.EqualTo(3), "the blank line is counted");
            Assert.That(e.Field, Is.EqualTo(field));
            Assert.That(e.Problem, Does.Contain(problem));
        }
    }

    [Test]
    public void TheHashIsOfTheBytesThePairsWereParsedFromAndTravelsWithTheSet()
    {
        string folder = WriteTwoFiles();
        // One file with a UTF-8 byte-order mark: decoded as a file read whole is, and hashed with its mark.
        string first = Path.Combine(folder, "pairs-01.jsonl");
        File.WriteAllBytes(first, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(first)]);
        using var expected = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in new[] { "pairs-01.jsonl", "pairs-02.jsonl" })
        {
            expected.AppendData(System.Text.Encoding.UTF8.GetBytes(file + "\n"));
            expected.AppendData(File.ReadAllBytes(Path.Combine(folder, file)));
        }
        var (pairs, sha) = WrittenPairs.Read(folder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(expected.GetHashAndReset())), "each file's name and bytes, in name order");
            Assert.That(pairs, Has.Count.EqualTo(36));
            Assert.That(pairs[0].Passage, Does.StartWith("The Brellan council"), "the byte-order mark is not part of the text");
            Assert.That(JudgePairs.Build(new JudgePairOptions { Written = [folder] }).WrittenSha256, Is.EqualTo(sha), "the set built from them carries the hash of what it read");
            Assert.That(JudgePairs.Build(new JudgePairOptions { FeverNli = Path.Combine(NliSetLoaderTests.Data, "fever-nli") }).WrittenSha256, Is.Null);
        }
        File.WriteAllBytes(first, [.. System.Text.Encoding.UTF8.GetBytes(Line(Dam, "The dam was shut.", "entails")), (byte)'{', 0xC3, 0x28, (byte)'}', (byte)'\n']);
        var e = Assert.Throws<ClaimMlDataException>(() => WrittenPairs.Read(folder));
        Assert.That((e!.File, e.Line, e.Problem), Is.EqualTo((first, 2, "the file is not valid UTF-8 text (save it as UTF-8, or as UTF-16 with a byte-order mark).")), "invalid bytes name their file and line");
    }

    [Test]
    public void AMissingPathOrAFolderWithoutPairsIsAClearError()
    {
        Directory.CreateDirectory(Temp.File("empty"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => WrittenPairs.Load(Temp.File("nowhere")), Throws.TypeOf<ClaimMlDataException>().With.Message.Contains("no such file or folder"));
            Assert.That(() => WrittenPairs.Load(Temp.File("empty")), Throws.TypeOf<ClaimMlDataException>().With.Message.Contains("no *.jsonl file"));
        }
    }

    [Test]
    public void SeveralPathsAreReadInTheOrderGivenOneAfterAnotherAndHashedTogether()
    {
        string first = WriteTwoFiles();
        string second = Temp.WriteText("a-later/pairs-00.jsonl", Line(Dam, "The dam was shut for more than a week.", "entails"));
        var (firstPairs, firstSha) = WrittenPairs.Read(first);
        var (pairs, sha) = WrittenPairs.Read([first, second]);
        using var expected = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string file in new[] { Path.Combine(first, "pairs-01.jsonl"), Path.Combine(first, "pairs-02.jsonl"), second })
        {
            expected.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            expected.AppendData(File.ReadAllBytes(file));
        }
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pairs, Is.EqualTo(firstPairs.Append(WrittenPairs.Load(second).Single())), "the first path's pairs, then the second's, whatever their names' order");
            Assert.That(pairs[^1].Side, Is.EqualTo("pairs-00"));
            Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(expected.GetHashAndReset())), "each file's name and bytes, path after path");
            Assert.That(sha, Is.Not.EqualTo(firstSha));
            Assert.That(WrittenPairs.Read([second, first]).Sha256, Is.Not.EqualTo(sha), "the order they are read in is hashed");
            Assert.That(JudgePairs.Build(new JudgePairOptions { Written = [first, second] }).WrittenSha256, Is.EqualTo(sha));
            Assert.That(() => WrittenPairs.Read([]), Throws.ArgumentException);
        }
    }

    [Test]
    public void AMissingSecondPathIsNamedBeforeAnyFileIsRead()
    {
        string first = WriteTwoFiles();
        string missing = Temp.File("batch3");
        var e = Assert.Throws<ClaimMlDataException>(() => WrittenPairs.Read([first, missing]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(missing));
            Assert.That(e.Message, Does.Contain(missing).And.Contain("no such file or folder"));
            Assert.That(() => JudgePairs.Build(new JudgePairOptions { Written = [first, missing] }),
                Throws.TypeOf<ClaimMlDataException>().With.Property(nameof(ClaimMlDataException.File)).EqualTo(missing));
        }
        // A bad line in the first path would be met first if it were read before the second path is checked.
        File.WriteAllText(Path.Combine(first, "pairs-01.jsonl"), "{\"passage\": \"P.\"}\n");
        Assert.That(() => WrittenPairs.Read([first, missing]), Throws.TypeOf<ClaimMlDataException>().With.Property(nameof(ClaimMlDataException.File)).EqualTo(missing));
    }

    [Test]
    public void APassageWrittenInTwoFoldersIsOneGroupAndAPairGivenTwiceIsKeptOnce()
    {
        string first = WriteTwoFiles();
        // The second folder's file has the first's name; it adds a claim to six of its passages and repeats one pair.
        var text = new System.Text.StringBuilder();
        foreach (NliPair p in WrittenPairs.Load(first).Where(p => p.Side == "pairs-01" && p.Label == EntailmentLabel.Neither))
        {
            text.Append(Line(p.Passage, "The lanes were paid for by a regional grant.", "neither"));
        }
        NliPair repeated = WrittenPairs.Load(first)[0];
        text.Append(Line(repeated.Passage, repeated.Claim, "entails"));
        Temp.WriteText("more/pairs-01.jsonl", text.ToString());
        string second = Temp.File("more");

        var options = new JudgePairOptions { Written = [first, second], DevFraction = 0.3 };
        JudgePairSet set = JudgePairs.Build(options);
        JudgePairSet joined = JudgePairs.Build(options with { WrittenJoinedEvery = 1 });
        static bool IsWritten(JudgePair p) => p.Origin == JudgeOrigins.Written;
        List<JudgePair> written = [.. set.Train.Where(IsWritten), .. set.Dev.Where(IsWritten)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(written, Has.Count.EqualTo(36 + 6), "the repeated pair is kept once");
            Assert.That(set.Summary.DuplicatesDropped, Is.EqualTo(1));
            Assert.That(written.Where(p => p.Claim == repeated.Claim && p.Passage == repeated.Passage).ToList(), Has.Count.EqualTo(1));
            Assert.That(written.GroupBy(p => p.Passage), Has.All.Matches<IGrouping<string, JudgePair>>(g => g.Select(p => p.Group).Distinct().Count() == 1),
                "a passage's pairs from both folders are one group");
            Assert.That(set.Train.Select(p => p.Passage).Intersect(set.Dev.Select(p => p.Passage)), Is.Empty, "and stay on one side");
            Assert.That(set.Dev.Where(IsWritten), Is.Not.Empty, "some passages go to dev (30% of 12)");
            Assert.That(joined.Train.Concat(joined.Dev), Has.Some.Matches<JudgePair>(p => p.Origin == JudgeJoinedPassages.Origin), "passages are joined, two files of one name read as one");
            Assert.That(joined.Train.Select(p => p.Passage).Intersect(joined.Dev.Select(p => p.Passage)), Is.Empty);
        }
    }

    [Test]
    public void EditedWrittenClaimsContradictTheirOwnPassageOnItsSideAndChangeNoOtherPair()
    {
        string folder = WriteTwoFiles();
        var options = new JudgePairOptions { Written = [folder], DevFraction = 0.3, WrittenRepeat = 2 };
        JudgePairSet plain = JudgePairs.Build(options);
        JudgePairSet edited = JudgePairs.Build(options with { WrittenEditEvery = 1 });
        string origin = JudgeOrigins.Synthetic(JudgeOrigins.Written);
        List<JudgePair> made = [.. edited.Train.Where(p => p.Origin == origin), .. edited.Dev.Where(p => p.Origin == origin)];
        List<JudgePair> entailing = [.. plain.Train.Concat(plain.Dev).Where(p => p.Origin == JudgeOrigins.Written && p.Label == EntailmentLabel.Entails).DistinctBy(p => (p.Claim, p.Passage))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(edited.Train.Where(p => p.Origin != origin), Is.EqualTo(plain.Train), "no other pair changes, nor its side");
            Assert.That(edited.Dev.Where(p => p.Origin != origin), Is.EqualTo(plain.Dev));
            Assert.That(made, Is.Not.Empty);
            Assert.That(made, Has.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Contradicts));
            Assert.That(made.Select(p => (p.Claim, p.Passage)).Distinct().Count(), Is.EqualTo(made.Count), "never repeated (unlike the written pairs, WrittenRepeat 2)");
            foreach (JudgePair p in made)
            {
                JudgePair[] sources = [.. entailing.Where(e => e.Passage == p.Passage)];
                Assert.That(sources, Is.Not.Empty, $"'{p.Claim}' is read against the passage of an entailing written pair");
                Assert.That(sources.Any(e => e.Claim != p.Claim && (SyntheticPairs.FlipNegation(e.Claim) == p.Claim || SyntheticPairs.SwapAntonym(e.Claim) == p.Claim || Words(e.Claim) == Words(p.Claim))),
                    Is.True, $"'{p.Claim}' is one of those claims with one edit");
                Assert.That(edited.Dev.Any(d => d.Passage == p.Passage), Is.EqualTo(edited.Dev.Contains(p)), "on its passage's side");
            }
        }
        Assert.That(() => JudgePairs.Build(new JudgePairOptions { FeverNli = Path.Combine(NliSetLoaderTests.Data, "fever-nli"), WrittenEditEvery = 1 }),
            Throws.ArgumentException.With.Message.Contains("written pairs"));

        // A claim with a figure changed keeps its words: the same word count, one word other.
        static int Words(string claim) => claim.Split(' ').Length;
    }

    [TestCase("The plant closed on Tuesday after a leak.", "Tuesday")]
    [TestCase("Sales rose in June, the ministry said.", "June")]
    public void ChangingADayPutsAnotherOfItsKindInItsPlace(string sentence, string day)
    {
        string[] weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        string[] months = ["January", "February", "April", "June", "July", "August", "September", "October", "November", "December"];
        string[] kind = weekdays.Contains(day) ? weekdays : months;
        for (int seed = 0; seed < 20; seed++)
        {
            string? changed = SyntheticPairs.ChangeDay(sentence, new Random(seed));
            Assert.That(changed, Is.Not.Null);
            string other = kind.Single(d => changed!.Contains(d, StringComparison.Ordinal));
            Assert.That(other, Is.Not.EqualTo(day));
            Assert.That(changed, Is.EqualTo(sentence.Replace(day, other, StringComparison.Ordinal)), "only the day changes");
        }
        Assert.That(SyntheticPairs.ChangeDay("Prices may fall in May or March.", new Random(1)), Is.Null, "'May' and 'March' are too often verbs");
        Assert.That(SyntheticPairs.ChangeDay("The council met on the tuesday after.", new Random(1)), Is.Null, "a day name is capitalised");
    }

    [Test]
    public void DetailEditedWrittenClaimsChangeADayOrANameAndContradictTheirOwnPassage()
    {
        JudgePairOptions options = WrittenPerTown("detail", (town, i, text) =>
        {
            string dated = $"The {town} council approved {i + 10} new bus lanes on Tuesday, its transport chair said.";
            string named = $"Mayor Edda Corvine of {town} opened the {i + 3} new libraries, her office said.";
            text.Append(Line(dated, $"{town}'s council backed {i + 10} new bus lanes on Tuesday.", "entails"));
            text.Append(Line(dated, "The bus lanes will open next spring.", "neither"));
            text.Append(Line(named, $"The new libraries in {town} were opened by its mayor.", "entails"));
        });
        JudgePairSet plain = JudgePairs.Build(options);
        JudgePairSet edited = JudgePairs.Build(options with { WrittenDetailEditEvery = 1 });
        static bool Made(JudgePair p) => p.Origin == JudgeContradictions.DetailEditedWritten;
        List<JudgePair> made = [.. edited.Train.Where(Made), .. edited.Dev.Where(Made)];
        List<JudgePair> entailing = [.. plain.Train.Concat(plain.Dev).Where(p => p.Origin == JudgeOrigins.Written && p.Label == EntailmentLabel.Entails).DistinctBy(p => (p.Claim, p.Passage))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(edited.Train.Where(p => !Made(p)), Is.EqualTo(plain.Train), "no other pair changes, nor its side");
            Assert.That(edited.Dev.Where(p => !Made(p)), Is.EqualTo(plain.Dev));
            Assert.That(made, Has.Count.EqualTo(entailing.Count), "every entailing claim here has a day or a name to change");
            Assert.That(made, Has.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Contradicts));
            Assert.That(made, Has.Some.Matches<JudgePair>(p => p.Claim.Contains("bus lanes", StringComparison.Ordinal) && !p.Claim.Contains("Tuesday", StringComparison.Ordinal)), "a day changed");
            Assert.That(made, Has.Some.Matches<JudgePair>(p => p.Claim.Contains("libraries", StringComparison.Ordinal)), "a name swapped");
            foreach (JudgePair p in made)
            {
                JudgePair source = entailing.Single(e => e.Passage == p.Passage);
                string[] before = source.Claim.Split(' '), after = p.Claim.Split(' ');
                Assert.That(after, Has.Length.EqualTo(before.Length), $"'{p.Claim}': one word replaced");
                string[] changed = [.. after.Where((w, i) => w != before[i])];
                Assert.That(changed, Has.Length.EqualTo(1), $"'{p.Claim}' against '{source.Claim}'");
                Assert.That(p.Passage, Does.Not.Contain(changed[0].TrimEnd('.', '\'', 's')), "the name or day put in is not the passage's");
                Assert.That(edited.Dev.Any(d => d.Origin == JudgeOrigins.Written && d.Passage == p.Passage), Is.EqualTo(edited.Dev.Contains(p)), "on its passage's side");
            }
        }
        Assert.That(() => JudgePairs.Build(new JudgePairOptions { FeverNli = Path.Combine(NliSetLoaderTests.Data, "fever-nli"), WrittenDetailEditEvery = 1 }),
            Throws.ArgumentException.With.Message.Contains("written pairs"));
    }

    [TestCase("The fund has grown over 31 years.", "31")]
    [TestCase("Fares rose to 24.60 pounds in 2019.", "24.60")]
    [TestCase("About 3,000 people marched, police said.", "3,000")]
    [TestCase("The council hired 13 wardens.", "13")]
    [TestCase("Only 1 bridge stayed open.", "1")]
    public void NudgingAFigurePutsACloseOneOfTheSameStyleInItsPlace(string sentence, string figure)
    {
        double value = double.Parse(figure.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        int decimals = figure.Contains('.', StringComparison.Ordinal) ? figure.Length - figure.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int seed = 0; seed < 40; seed++)
        {
            string? changed = SyntheticPairs.NudgeNumber(sentence, new Random(seed));
            Assert.That(changed, Is.Not.Null);
            int at = sentence.IndexOf(figure, StringComparison.Ordinal);
            Assert.That(changed![..at], Is.EqualTo(sentence[..at]), "only the figure changes");
            string tail = sentence[(at + figure.Length)..];
            Assert.That(changed, Does.EndWith(tail));
            string put = changed[at..^tail.Length];
            seen.Add(put);
            Assert.That(put, Is.Not.EqualTo(figure));
            Assert.That(put, Does.Match(figure.Contains(',', StringComparison.Ordinal) ? @"^\d{1,3}(,\d{3})+$" : decimals > 0 ? @"^\d+\.\d{" + decimals + "}$" : @"^\d+$"), "in the figure's own style");
            double moved = double.Parse(put.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            bool swapped = put.Length == figure.Length && put.OrderBy(c => c).SequenceEqual(figure.OrderBy(c => c));
            Assert.That(swapped || (moved > 0 && Math.Abs(moved - value) <= Math.Max(0.45 * value, 1)), Is.True, $"'{put}' for '{figure}': two digits swapped or a move of at most about 40%");
        }
        Assert.That(seen, Has.Count.GreaterThan(value > 1 ? 1 : 0), "more than one close figure over the seeds (for 1, only 2 is close)");
    }

    [Test]
    public void NudgingLeavesYearsAndHyphenatedNamesAlone()
    {
        Assert.That(SyntheticPairs.NudgeNumber("In 2019 the COVID-19 ward had 40 beds.", new Random(3)), Does.StartWith("In 2019 the COVID-19 ward had ").And.Not.EndWith(" 40 beds."));
        Assert.That(SyntheticPairs.NudgeNumber("The COVID-19 ward opened in 2020.", new Random(3)), Is.Null);
        Assert.That(SyntheticPairs.NudgeNumber("No figure here.", new Random(3)), Is.Null);
    }

    /// <summary>
    /// The pairs built without and with one maker of pairs (<paramref name="withMaker"/>: <paramref name="options"/> with its
    /// option set), and the pairs it made (of <paramref name="origin"/>); no other pair may change, nor its side.
    /// </summary>
    private static readonly string[] Towns = ["Brellan", "Osterwick", "Dunmorrow", "Kessaly", "Varnholt", "Quillby"];

    /// <summary>
    /// The written pairs <paramref name="write"/> appends for each of <see cref="Towns"/> (given the town, its index and
    /// the text), saved in a folder of their own, and options that read them.
    /// </summary>
    private JudgePairOptions WrittenPerTown(string folder, Action<string, int, System.Text.StringBuilder> write)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < Towns.Length; i++)
        {
            write(Towns[i], i, text);
        }
        Temp.WriteText($"{folder}/pairs-01.jsonl", text.ToString());
        return new JudgePairOptions { Written = [Temp.File(folder)], DevFraction = 0.3, WrittenRepeat = 2 };
    }

    private static (JudgePairSet Plain, JudgePairSet Edited, List<JudgePair> Made) BuildWithMaker(JudgePairOptions options, JudgePairOptions withMaker, string origin)
    {
        JudgePairSet plain = JudgePairs.Build(options);
        JudgePairSet edited = JudgePairs.Build(withMaker);
        Assert.That(edited.Train.Where(p => p.Origin != origin), Is.EqualTo(plain.Train), "no other pair changes, nor its side");
        Assert.That(edited.Dev.Where(p => p.Origin != origin), Is.EqualTo(plain.Dev));
        return (plain, edited, [.. edited.Train.Where(p => p.Origin == origin), .. edited.Dev.Where(p => p.Origin == origin)]);
    }

    [Test]
    public void CloseMisstatedFiguresContradictAPassageHoldingTheFigureAndChangeNoOtherPair()
    {
        JudgePairOptions options = WrittenPerTown("close", (town, i, text) =>
        {
            string passage = $"The {town} trust has run the ferry for {i + 21} years and carried {i + 3},250 people last week.";
            text.Append(Line(passage, $"{town}'s trust has operated the ferry for {i + 21} years.", "entails"));
            text.Append(Line(passage, $"The {town} ferry carries about {i + 3},000 people a week.", "entails"));
            text.Append(Line(passage, "The ferry will be replaced by a bridge.", "neither"));
            text.Append(Line($"The {town} trust opened a cafe beside the quay.", "A cafe opened beside the quay.", "entails"));
        });
        var (plain, edited, made) = BuildWithMaker(options, options with { CloseFigureEvery = 1 }, JudgeCloseFigures.Origin(JudgeOrigins.Written));
        List<JudgePair> entailing = [.. plain.Train.Concat(plain.Dev).Where(p => p.Origin == JudgeOrigins.Written && p.Label == EntailmentLabel.Entails).DistinctBy(p => (p.Claim, p.Passage))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Has.Count.EqualTo(Towns.Length), "one per passage holding the claim's figure: the years (the weekly figure is not the passage's)");
            Assert.That(made, Has.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Contradicts));
            foreach (JudgePair p in made)
            {
                JudgePair source = entailing.Single(e => e.Passage == p.Passage && e.Claim.Contains("operated", StringComparison.Ordinal));
                string figure = JudgeCloseFigures.FirstFigure(source.Claim)!, put = JudgeCloseFigures.FirstFigure(p.Claim)!;
                Assert.That(p.Claim, Is.EqualTo(source.Claim.Replace(figure, put, StringComparison.Ordinal)), "only the figure changes");
                Assert.That(JudgeFigures.Holds(p.Passage, put), Is.False, $"'{put}' is not a figure of the passage");
                Assert.That(edited.Dev.Any(d => d.Origin == JudgeOrigins.Written && d.Passage == p.Passage), Is.EqualTo(edited.Dev.Contains(p)), "on its passage's side");
            }
        }
        Assert.That(() => JudgePairs.Build(options with { CloseFigureEvery = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void MisstatedNumberWordsContradictAPassageHoldingTheNumberAndChangeNoOtherPair()
    {
        string[] counts = ["Eight", "twelve", "Thirty-one", "forty-six", "five", "nineteen"];
        JudgePairOptions options = WrittenPerTown("numberwords", (town, i, text) =>
        {
            string count = char.ToUpperInvariant(counts[i][0]) + counts[i][1..];
            string passage = $"{count} pupils from the {town} school were taken to hospital as a precaution.";
            text.Append(Line(passage, $"{count} {town} pupils went to hospital.", "entails"));
            text.Append(Line(passage, $"Pupils at the {town} school were sent to hospital.", "entails"));
            text.Append(Line(passage, "The school will reopen on Monday.", "neither"));
        });
        var (_, _, made) = BuildWithMaker(options, options with { NumberWordFigureEvery = 1 }, JudgeNumberWordFigures.Origin(JudgeOrigins.Written));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Has.Count.EqualTo(Towns.Length), "one per claim that writes the passage's number in words");
            Assert.That(made, Has.All.Matches<JudgePair>(p => p.Label == EntailmentLabel.Contradicts));
            foreach (JudgePair p in made)
            {
                int i = Array.FindIndex(Towns, t => p.Passage.Contains(t, StringComparison.Ordinal));
                int was = NumberWords.Find(p.Passage)[0].Value;
                var (start, end, value) = NumberWords.Find(p.Claim)[0];
                Assert.That(start, Is.Zero, $"{p.Claim}: the number stays where it was");
                Assert.That(char.IsUpper(p.Claim[0]), Is.True, "its capital kept");
                Assert.That(value, Is.Not.EqualTo(was).And.InRange(Math.Max(2, was - 10), was + 10), $"{p.Claim}: a close number other than {was}");
                Assert.That(p.Claim[end..], Is.EqualTo($" {Towns[i]} pupils went to hospital."), "only the number changes");
            }
        }
        Assert.That(JudgeNumberWordFigures.Misstate("Eight pupils went home.", "8 pupils went home.", new Random(1)), Does.Not.StartWith("Eight"), "a passage may hold the number in digits");
        Assert.That(JudgeNumberWordFigures.Misstate("Eight pupils went home.", "Some pupils went home.", new Random(1)), Is.Null, "nothing when the passage does not hold the number");
        Assert.That(JudgeNumberWordFigures.Misstate("One pupil went home.", "One pupil went home.", new Random(1)), Is.Null, "'one' alone is not a number word it changes");
        Assert.That(() => JudgePairs.Build(options with { NumberWordFigureEvery = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void DirectionWordsGiveTheSameDirectionAsEntailingAndTheOppositeAsContradictingAndChangeNoOtherPair()
    {
        JudgePairOptions options = WrittenPerTown("direction", (town, i, text) =>
        {
            string passage = $"Visits to the {town} museum fell from {i + 40},000 to {i + 31},000 after charges began, and the cafe's takings were higher than forecast.";
            text.Append(Line(passage, $"Visits to the {town} museum fell by about a fifth after charges began.", "entails"));
            text.Append(Line(passage, $"The {town} cafe took more than forecast.", "entails"));
            text.Append(Line(passage, $"The {town} museum fell silent on Mondays.", "neither"));
        });
        var (_, _, made) = BuildWithMaker(options, options with { DirectionWordEvery = 1 }, JudgeDirectionWords.Origin(JudgeOrigins.Written));
        string[] falls = ["dropped", "decreased", "declined", "went down"], rises = ["rose", "increased", "climbed", "went up", "grew"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made.Count(p => p.Label == EntailmentLabel.Entails), Is.EqualTo(Towns.Length), "a fall told another way; 'more than' has no other wording of its direction");
            Assert.That(made.Count(p => p.Label == EntailmentLabel.Contradicts), Is.EqualTo(2 * Towns.Length), "the fall and the comparison turned round");
            foreach (JudgePair p in made)
            {
                string town = Towns.Single(t => p.Passage.Contains(t, StringComparison.Ordinal));
                if (p.Claim.Contains("forecast", StringComparison.Ordinal))
                {
                    Assert.That(p.Claim, Is.EqualTo($"The {town} cafe took fewer than forecast.").Or.EqualTo($"The {town} cafe took less than forecast."));
                    Assert.That(p.Label, Is.EqualTo(EntailmentLabel.Contradicts));
                    continue;
                }
                string word = p.Claim[$"Visits to the {town} museum ".Length..^" by about a fifth after charges began.".Length];
                Assert.That(word, p.Label == EntailmentLabel.Entails ? Is.AnyOf(falls) : Is.AnyOf(rises), p.Claim);
            }
        }
        Assert.That(JudgeDirectionWords.Rewrite("Wait times fell sharply to 12 days.", new Random(1))!.Value.Opposite, Does.Match("^Wait times (rose|increased|climbed|went up|grew) sharply to 12 days\\.$"), "one adverb may stand between");
        Assert.That(JudgeDirectionWords.Rewrite("Sales have risen by 4 per cent.", new Random(1))!.Value.Same, Does.Match("^Sales have (increased|climbed|gone up|grown) by 4 per cent\\.$"), "a participle stays a participle");
        Assert.That(JudgeDirectionWords.Rewrite("Prices Went Up to 40 crowns.", new Random(1))!.Value.Opposite, Does.Match("^Prices (Fell|Dropped|Decreased|Declined|Went down) to 40 crowns\\.$"), "two words read as one, its capital kept");
        Assert.That(JudgeDirectionWords.Rewrite("The mayor fell ill in March.", new Random(1)), Is.Null, "no figure's change follows");
        Assert.That(JudgeDirectionWords.Rewrite("The police dropped the charges.", new Random(1)), Is.Null);
        Assert.That(JudgeDirectionWords.Rewrite("No more than 40 people came.", new Random(1)), Is.Null, "'no more than' is not turned round");
        Assert.That(JudgeDirectionWords.Rewrite("Fares have more than doubled.", new Random(1)), Is.Null, "'more than doubled' is not turned round");
        Assert.That(() => JudgePairs.Build(options with { DirectionWordEvery = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void QuantitiesInAnotherUnitContradictAPassageGivingTheUnitAndChangeNoOtherPair()
    {
        JudgePairOptions options = WrittenPerTown("units", (town, i, text) =>
        {
            string passage = $"The {town} library will close for {i + 3} weeks from Monday while its roof is repaired.";
            text.Append(Line(passage, $"The {town} library is to shut for {i + 3} weeks.", "entails"));
            text.Append(Line(passage, $"The {town} library will not close for {i + 3} weeks.", "contradicts"));
            text.Append(Line(passage, $"The {town} library will reopen with longer hours.", "neither"));
        });
        var (_, _, made) = BuildWithMaker(options, options with { UnitSwapEvery = 1 }, JudgeUnitSwaps.Origin(JudgeOrigins.Written));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Has.Count.EqualTo(Towns.Length), "one per entailing claim; the contradiction holds a negation and is left alone");
            foreach (JudgePair p in made)
            {
                string town = Towns.Single(t => p.Passage.Contains(t, StringComparison.Ordinal));
                int weeks = Array.IndexOf(Towns, town) + 3;
                Assert.That(p.Label, Is.EqualTo(EntailmentLabel.Contradicts));
                Assert.That(p.Claim, Is.AnyOf($"The {town} library is to shut for {weeks} hours.", $"The {town} library is to shut for {weeks} days.", $"The {town} library is to shut for {weeks} months.", $"The {town} library is to shut for {weeks} years."), "only the unit changes, to a neighbour, still plural");
            }
        }
        Assert.That(JudgeUnitSwaps.Swap("Sales reached 4.2 million pounds.", "Sales reached 4.2 million pounds last year.", new Random(1)), Is.AnyOf("Sales reached 4.2 thousand pounds.", "Sales reached 4.2 billion pounds."));
        Assert.That(JudgeUnitSwaps.Swap("Runners took a 12-kilometre route.", "The 12-kilometre route ran by the river.", new Random(1)), Is.AnyOf("Runners took a 12-metre route.", "Runners took a 12-centimetre route."), "a hyphenated unit, singular");
        Assert.That(JudgeUnitSwaps.Swap("The bridge shut for six weeks.", "The bridge shut for six weeks, or six months by another count.", new Random(1)), Is.AnyOf("The bridge shut for six days.", "The bridge shut for six hours.", "The bridge shut for six years."), "never a unit the passage gives with the same number");
        Assert.That(JudgeUnitSwaps.Swap("The works took less than six weeks.", "The works took five weeks, less than six weeks.", new Random(1)), Is.Null, "a bound: another unit can keep the claim true");
        Assert.That(JudgeUnitSwaps.Swap("The 63-year-old signalman grew it.", "The 63-year-old signalman grew it.", new Random(1)), Is.Null, "an age stays");
        Assert.That(JudgeUnitSwaps.Swap("The bridge shut for six weeks.", "The bridge shut on Monday.", new Random(1)), Is.Null, "nothing when the passage does not give the quantity");
        Assert.That(JudgeUnitSwaps.Swap("The dig lasted seventy years.", "The dig lasted seventy years.", new Random(1)), Is.AnyOf("The dig lasted seventy months.", "The dig lasted seventy weeks.", "The dig lasted seventy decades."), "any number word NumberWords knows");
        Assert.That(JudgeUnitSwaps.Swap("The DIG LASTED SIX WEEKS.", "the dig lasted six weeks.", new Random(1)), Is.AnyOf("The DIG LASTED SIX days.", "The DIG LASTED SIX months.", "The DIG LASTED SIX years.", "The DIG LASTED SIX hours."), "a unit in capitals is still a unit");
        Assert.That(JudgeUnitSwaps.Swap("The works took many weeks.", "The works took many weeks.", new Random(1)), Is.Null, "a word that is not a number");
        Assert.That(() => JudgePairs.Build(options with { UnitSwapEvery = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        AssertRepeatPutsOnlyTheMadeTrainingPairsInThatManyTimes(options with { UnitSwapEvery = 1 }, repeat => options with { UnitSwapEvery = 1, UnitSwapRepeat = repeat }, JudgeUnitSwaps.Origin(JudgeOrigins.Written));
    }

    /// <summary>
    /// A maker's repeat option: with 3, each of its training pairs (of <paramref name="origin"/>) three times and nothing
    /// else changed, dev pairs once; 0 refused.
    /// </summary>
    private static void AssertRepeatPutsOnlyTheMadeTrainingPairsInThatManyTimes(JudgePairOptions once, Func<int, JudgePairOptions> repeated, string origin)
    {
        JudgePairSet single = JudgePairs.Build(once);
        JudgePairSet thrice = JudgePairs.Build(repeated(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(single.Train.Count(p => p.Origin == origin), Is.GreaterThan(0));
            Assert.That(thrice.Train.Count(p => p.Origin == origin), Is.EqualTo(3 * single.Train.Count(p => p.Origin == origin)), "the made training pairs put in three times");
            Assert.That(thrice.Dev, Is.EqualTo(single.Dev), "the dev pairs once");
            Assert.That(thrice.Train.Where(p => p.Origin != origin), Is.EqualTo(single.Train.Where(p => p.Origin != origin)), "no other pair repeated");
            Assert.That(() => JudgePairs.Build(repeated(0)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        }
    }

    [Test]
    public void ClaimsWithADetailDeletedStayEntailedAndChangeNoOtherPair()
    {
        JudgePairOptions options = WrittenPerTown("deletions", (town, i, text) =>
        {
            string passage = $"Visits to the {town} museum fell by {i + 11} per cent last year, and the museum's director, Ada Vell, said charges were to blame.";
            text.Append(Line(passage, $"Visits to the {town} museum fell by {i + 11} per cent.", "entails"));
            text.Append(Line(passage, $"The {town} museum did not lose visitors last year.", "contradicts"));
            text.Append(Line(passage, $"The {town} museum will close in winter.", "neither"));
        });
        var (_, _, made) = BuildWithMaker(options, options with { DetailDeletionEvery = 1 }, JudgeDetailDeletions.Origin(JudgeOrigins.Written));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Has.Count.EqualTo(Towns.Length), "one per entailing claim; the contradiction holds a negation and is left alone");
            foreach (JudgePair p in made)
            {
                string town = Towns.Single(t => p.Passage.Contains(t, StringComparison.Ordinal));
                Assert.That(p.Label, Is.EqualTo(EntailmentLabel.Entails));
                Assert.That(p.Claim, Is.EqualTo($"Visits to the {town} museum fell."), "the size of the change deleted, nothing else");
            }
        }
        AssertRepeatPutsOnlyTheMadeTrainingPairsInThatManyTimes(options with { DetailDeletionEvery = 1 }, repeat => options with { DetailDeletionEvery = 1, DetailDeletionRepeat = repeat }, JudgeDetailDeletions.Origin(JudgeOrigins.Written));
        Assert.That(JudgeDetailDeletions.Deletions("Sales at the chain fell by 12 per cent on Monday."), Is.EqualTo(new[] { "Sales at the chain fell on Monday.", "Sales at the chain fell by 12 per cent.", "Sales at the chain fell." }), "each detail in turn, then both");
        Assert.That(JudgeDetailDeletions.Deletions("The average wait rose from 18 days to 31 days."), Is.EqualTo(new[] { "The average wait rose." }));
        Assert.That(JudgeDetailDeletions.Deletions("Dr Ilse Vass, who led the study, said fees should be capped."), Is.EqualTo(new[] { "Dr Ilse Vass said fees should be capped." }));
        Assert.That(JudgeDetailDeletions.Deletions("Ada Vell, the museum's director, blamed the new charges."), Is.EqualTo(new[] { "Ada Vell blamed the new charges." }), "a noun phrase after a name");
        Assert.That(JudgeDetailDeletions.Deletions("Sales fell, the company said, after the price rise."), Is.Empty, "an attribution between commas is not a detail");
        Assert.That(JudgeDetailDeletions.Deletions("Ames, who resigned in 2024, said fees rose."), Is.EqualTo(new[] { "Ames said fees rose.", "Ames, who resigned, said fees rose." }), "a time inside the clause: each in turn, never both at once");
        Assert.That(JudgeDetailDeletions.Deletions("The ferry was cancelled in March 2024 after the storm."), Is.EqualTo(new[] { "The ferry was cancelled after the storm." }));
        Assert.That(JudgeDetailDeletions.Deletions("Sales did not fall by 12 per cent last year."), Is.Empty, "a negation is left alone");
        Assert.That(JudgeDetailDeletions.Deletions("A new deposit scheme will run nationwide starting in 2028."), Is.Empty, "a time the sentence is about stays");
        Assert.That(JudgeDetailDeletions.Deletions("Bats died in the heat on Sunday and Monday."), Is.Empty, "one of two times stays");
        Assert.That(JudgeDetailDeletions.Deletions("The scheme, approved on Thursday, will last five years."), Is.Empty, "no clause left as a lone word");
        Assert.That(JudgeDetailDeletions.Deletions("Ships moved through the canal again on Thursday evening."), Is.EqualTo(new[] { "Ships moved through the canal again." }), "the part of the day goes with its day");
        Assert.That(JudgeDetailDeletions.Deletions("The blaze began in the engine room late on Wednesday night."), Is.EqualTo(new[] { "The blaze began in the engine room." }), "'late' goes with its time");
        Assert.That(JudgeDetailDeletions.Deletions("The nitrate level was higher in 2019 than last year."), Is.Empty, "a time in a comparison stays");
        Assert.That(JudgeDetailDeletions.Deletions("Fewer than 150,000 passengers flew from it last year."), Is.EqualTo(new[] { "Fewer than 150,000 passengers flew from it." }), "a hedged figure is no comparison");
        Assert.That(JudgeDetailDeletions.Deletions("New packs go out in the post on Monday 12 May."), Is.Empty, "a weekday of a date stays");
        Assert.That(JudgeDetailDeletions.Deletions("The firm hired 140 engineers in the last year."), Is.Empty, "'the last year' stays");
        Assert.That(JudgeDetailDeletions.Deletions("The council met to discuss the budget."), Is.Empty, "no detail to delete");
        Assert.That(JudgeDetailDeletions.Deletions("Prices rose by 4%."), Is.Empty, "fewer than four words would be left");
        Assert.That(() => JudgePairs.Build(options with { DetailDeletionEvery = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void FramedWrittenPassagesAreOneSentenceKeepTheirSideAndTakeTheFramesLabel()
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            string one = $"The Brellan council approved {i + 10} new bus lanes on Tuesday, its transport chair said.";
            string two = $"The Tarrow ferry ran {i + 3} extra sailings on Friday. Its owners said demand had doubled.";
            text.Append(Line(one, $"Brellan's council backed {i + 10} new bus lanes.", "entails"));
            text.Append(Line(one, "The bus lanes will open next spring.", "neither"));
            text.Append(Line(two, "Demand for the Tarrow ferry has doubled, according to its owners.", "entails"));
        }
        Temp.WriteText("framed/pairs-01.jsonl", text.ToString());
        var options = new JudgePairOptions { Written = [Temp.File("framed")], DevFraction = 0.3, WrittenRepeat = 2 };
        JudgePairSet plain = JudgePairs.Build(options);
        JudgePairSet framed = JudgePairs.Build(options with { WrittenFramedEvery = 1 });
        static bool Made(JudgePair p) => JudgeFrames.IsFramed(p.Origin);
        List<JudgePair> made = [.. framed.Train.Where(Made), .. framed.Dev.Where(Made)];
        List<JudgePair> entailing = [.. plain.Train.Concat(plain.Dev).Where(p => p.Origin == JudgeOrigins.Written && p.Label == EntailmentLabel.Entails).DistinctBy(p => (p.Claim, p.Passage))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(framed.Train.Where(p => !Made(p)), Is.EqualTo(plain.Train), "no other pair changes, nor its side");
            Assert.That(framed.Dev.Where(p => !Made(p)), Is.EqualTo(plain.Dev));
            Assert.That(made.Select(p => p.Origin).Distinct(), Is.SubsetOf(JudgeFrames.Kinds.Select(k => JudgeFrames.Origin(k, JudgeOrigins.Written))));
            Assert.That(made.Select(p => p.Label).Distinct(), Is.EquivalentTo(new[] { EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither }), "twelve pairs framed: every kind occurs");
            Assert.That(made.Select(p => (p.Claim, p.Passage)).Distinct().Count(), Is.EqualTo(made.Count), "never repeated (unlike the written pairs, WrittenRepeat 2)");
            Assert.That(made, Has.None.Matches<JudgePair>(p => p.Passage.Contains("Tarrow", StringComparison.Ordinal)), "a passage of two sentences is never framed");
            foreach (JudgePair p in made)
            {
                JudgePair? source = entailing.FirstOrDefault(e => Holds(p.Passage, e.Passage) || Holds(p.Passage, e.Claim));
                Assert.That(source, Is.Not.Null, $"'{p.Passage}' frames an entailing written passage or its claim");
                EntailmentLabel expected = p.Origin.StartsWith("denied", StringComparison.Ordinal) ? EntailmentLabel.Contradicts
                    : p.Origin.StartsWith("confirmed", StringComparison.Ordinal) || p.Claim != source!.Claim ? EntailmentLabel.Entails // the claim in the same hearsay frame
                    : EntailmentLabel.Neither;
                Assert.That(p.Label, Is.EqualTo(expected), $"{p.Origin}: '{p.Claim}' against '{p.Passage}'");
                Assert.That(framed.Dev.Any(d => d.Origin == JudgeOrigins.Written && d.Passage == source!.Passage), Is.EqualTo(framed.Dev.Contains(p)), "on its passage's side");
            }
        }
        Assert.That(() => JudgePairs.Build(new JudgePairOptions { FeverNli = Path.Combine(NliSetLoaderTests.Data, "fever-nli"), WrittenFramedEvery = 1 }),
            Throws.ArgumentException.With.Message.Contains("written pairs"));

        // The frame holds the statement without its final stop, lowered unless the frame starts with it.
        static bool Holds(string framed, string statement)
        {
            string core = statement.TrimEnd('.');
            return framed.Contains(core, StringComparison.Ordinal) || framed.Contains(JudgeConjunctions.LowerStart(core), StringComparison.Ordinal);
        }
    }

    [Test]
    public void WrittenPairsJoinTheTrainingPairsWithoutChangingAnyOtherAndKeepEachPassageOnOneSide()
    {
        string folder = WriteTwoFiles();
        JudgePairOptions options = JudgePairOptions.ForDataFolder(NliSetLoaderTests.Data) with { SyntheticEvery = 1, ArticleSentences = 2, ParaphraseEvery = 1 };
        JudgePairSet without = JudgePairs.Build(options);
        JudgePairSet with = JudgePairs.Build(options with { Written = [folder], DevFraction = 0.3 });
        JudgePairSet withSameSplit = JudgePairs.Build(options with { Written = [folder] });
        static bool IsWritten(JudgePair p) => p.Origin == JudgeOrigins.Written;
        List<JudgePair> written = [.. with.Train.Where(IsWritten), .. with.Dev.Where(IsWritten)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(withSameSplit.Train.Where(p => !IsWritten(p)), Is.EqualTo(without.Train), "no other pair changes, nor its side");
            Assert.That(withSameSplit.Dev.Where(p => !IsWritten(p)), Is.EqualTo(without.Dev));
            Assert.That(written, Has.Count.EqualTo(36));
            Assert.That(with.Train.Where(IsWritten), Is.Not.Empty);
            Assert.That(with.Dev.Where(IsWritten), Is.Not.Empty, "some passages go to dev (30% of 12)");
            Assert.That(with.Train.Where(IsWritten).Select(p => p.Passage).Intersect(with.Dev.Where(IsWritten).Select(p => p.Passage)), Is.Empty,
                "the pairs of one passage stay on one side");
            Assert.That(with.Summary.Origins.Single(o => o.Origin == JudgeOrigins.Written).Train.Total, Is.EqualTo(with.Train.Count(IsWritten)));
        }
    }

    [Test]
    public void RepeatPutsEachWrittenTrainingPairInThatManyTimesAndDevPairsOnce()
    {
        string folder = WriteTwoFiles();
        var options = new JudgePairOptions { Written = [folder], DevFraction = 0.3 };
        JudgePairSet once = JudgePairs.Build(options);
        JudgePairSet thrice = JudgePairs.Build(options with { WrittenRepeat = 3 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(once.Train.Count + once.Dev.Count, Is.EqualTo(36), "written pairs alone are a set to train on");
            Assert.That(thrice.Train, Has.Count.EqualTo(3 * once.Train.Count));
            Assert.That(thrice.Train.Distinct(), Is.EquivalentTo(once.Train));
            Assert.That(thrice.Dev, Is.EqualTo(once.Dev));
            Assert.That(thrice.Summary.Train.Total, Is.EqualTo(once.Train.Count), "the summary counts distinct pairs");
            Assert.That(() => JudgePairs.Build(options with { WrittenRepeat = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }

    [TestCase("judge-pairs", 300)]
    [TestCase("judge-pairs-batch3", 300)]
    [TestCase("judge-pairs-denials", 30)]
    [TestCase("judge-pairs-speakers", 40)]
    [TestCase("judge-pairs-speakers2", 60)]
    public void TheProjectsWrittenPairsLoadWithEveryLabelForEachPassage(string folder, int passages)
    {
        List<NliPair> pairs = WrittenPairs.Load(Path.Combine(RepoPaths.Root, "data", folder));
        var byPassage = pairs.GroupBy(p => p.Passage).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byPassage, Has.Count.GreaterThanOrEqualTo(passages));
            Assert.That(byPassage, Has.All.Matches<IGrouping<string, NliPair>>(g => g.Select(p => p.Label).Distinct().Count() == 3),
                "every passage has claims it entails, contradicts and leaves open");
            Assert.That(pairs, Has.None.Matches<NliPair>(p => p.Claim == p.Passage));
            Assert.That(pairs.Select(p => (p.Claim, p.Passage)), Is.Unique);
        }
    }
}
