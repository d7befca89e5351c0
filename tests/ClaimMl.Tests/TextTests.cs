using ClaimMl.Text;

namespace ClaimMl.Tests;

[TestFixture]
public class WordTokenizerTests
{
    private static string[] Surfaces(string text) =>
        WordTokenizer.Tokenize(text).Select(t => text.Substring(t.Start, t.Length)).ToArray();

    [TestCase("Troops: 10,000 of them.", "10,000", 10000.0)]
    [TestCase("About 12,000 vehicles a day", "12,000", 12000.0)]
    [TestCase("a rise of 3.5 percent", "3.5", 3.5)]
    [TestCase("1,234,567 votes", "1,234,567", 1234567.0)]
    public void NumbersStayWhole(string text, string number, double value)
    {
        Token token = WordTokenizer.Tokenize(text).Single(t => t.IsNumber);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.Substring(token.Start, token.Length), Is.EqualTo(number));
            Assert.That(token.Value, Is.EqualTo(value));
            Assert.That(token.Flags, Is.EqualTo(TokenFlags.Number));
        }
    }

    [Test]
    public void ThousandsSeparatorDoesNotChangeTheTerm()
    {
        Token withComma = WordTokenizer.Tokenize("10,000").Single();
        Token plain = WordTokenizer.Tokenize("10000").Single();
        Token other = WordTokenizer.Tokenize("1000").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(withComma.Term, Is.EqualTo(plain.Term));
            Assert.That(withComma.Stem, Is.EqualTo(plain.Stem));
            Assert.That(withComma.Value, Is.EqualTo(plain.Value));
            Assert.That(other.Term, Is.Not.EqualTo(plain.Term));
        }
    }

    [Test]
    public void SentenceFinalPunctuationAfterANumberIsNotPartOfIt()
    {
        Assert.That(Surfaces("They counted 3,000. Then 4.5, then 7,"), Is.EqualTo(new[] { "They", "counted", "3,000", "Then", "4.5", "then", "7" }));
    }

    [TestCase("wasn't")]
    [TestCase("wasn\u2019t")]
    public void ContractionIsOneNegationToken(string word)
    {
        string text = $"The bridge {word} closed.";
        Token token = WordTokenizer.Tokenize(text).Single(t => t.Start == text.IndexOf('w', StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.Substring(token.Start, token.Length), Is.EqualTo(word));
            Assert.That(token.Flags.HasFlag(TokenFlags.Negation), Is.True);
            Assert.That(token.Flags.HasFlag(TokenFlags.Word), Is.True);
            Assert.That(WordTokenizer.Tokenize(text), Has.Count.EqualTo(4));
        }
    }

    [Test]
    public void CurlyAndStraightApostrophesGiveTheSameTerm()
    {
        Assert.That(WordTokenizer.Tokenize("didn\u2019t").Single().Term, Is.EqualTo(WordTokenizer.Tokenize("didn't").Single().Term));
    }

    [Test]
    public void OrdinaryWordsAreNotFlaggedAsNegation()
    {
        Assert.That(WordTokenizer.Tokenize("bridge closed Tuesday").Where(t => t.Flags.HasFlag(TokenFlags.Negation)), Is.Empty);
    }

    [Test]
    public void PunctuationIsDropped()
    {
        Assert.That(Surfaces("\"Hello,\" she said -- (twice)! Really?! ... [end]; 'quoted'"),
            Is.EqualTo(new[] { "Hello", "she", "said", "twice", "Really", "end", "quoted" }));
    }

    [Test]
    public void StartAndLengthPointAtTheTokenCharacters()
    {
        const string text = "  On Oct. 5, Gen. Reyl's unit (12,000 strong) didn't move. ";
        List<Token> tokens = WordTokenizer.Tokenize(text);
        Assert.That(tokens.Select(t => text.Substring(t.Start, t.Length)),
            Is.EqualTo(new[] { "On", "Oct", "5", "Gen", "Reyl's", "unit", "12,000", "strong", "didn't", "move" }));
        for (int i = 1; i < tokens.Count; i++)
        {
            Assert.That(tokens[i].Start, Is.GreaterThanOrEqualTo(tokens[i - 1].Start + tokens[i - 1].Length), "tokens overlap");
        }
    }

    [Test]
    public void OffsetIsAddedToStarts()
    {
        const string whole = "Intro. The ferry runs hourly.";
        int at = whole.IndexOf("The", StringComparison.Ordinal);
        var tokens = new List<Token>();
        WordTokenizer.Tokenize(whole.AsSpan(at), at, tokens);
        Assert.That(tokens.Select(t => whole.Substring(t.Start, t.Length)), Is.EqualTo(new[] { "The", "ferry", "runs", "hourly" }));
    }

    [Test]
    public void TermsAreCaseInsensitive()
    {
        Assert.That(WordTokenizer.Tokenize("BRIDGE").Single().Term, Is.EqualTo(WordTokenizer.Tokenize("bridge").Single().Term));
    }

    [Test]
    public void InflectionsShareAStem()
    {
        Token troops = WordTokenizer.Tokenize("troops").Single();
        Token troop = WordTokenizer.Tokenize("troop").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(troops.Stem, Is.EqualTo(troop.Stem));
            Assert.That(troops.Term, Is.Not.EqualTo(troop.Term));
        }
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" \t\r\n  \u00A0 ")]
    [TestCase("... -- !? ()")]
    public void NoTokensWithoutWords(string text)
    {
        Assert.That(WordTokenizer.Tokenize(text), Is.Empty);
    }

    [TestCase("Мост закрыли во вторник, сообщили 12,000 жителей.", 7)]
    [TestCase("다리는 화요일에 폐쇄되었다.", 3)]
    [TestCase("Bridge closed \U0001F309\U0001F6A7 today \u2764\uFE0F!", 3)]
    [TestCase("\U0001F600", 0)]
    [TestCase("Zürich café naïve résumé", 4)]
    public void OtherScriptsAndEmojiAreHandled(string text, int expectedTokens)
    {
        List<Token> tokens = [];
        Assert.That(() => tokens = WordTokenizer.Tokenize(text), Throws.Nothing);
        Assert.That(tokens, Has.Count.EqualTo(expectedTokens));
        foreach (Token token in tokens)
        {
            Assert.That(token.Start + token.Length, Is.LessThanOrEqualTo(text.Length));
            Assert.That(char.IsLetterOrDigit(text[token.Start]), Is.True, $"token at {token.Start} does not start on a letter or digit");
        }
    }

    [Test]
    public void OverlongTokenDoesNotThrow()
    {
        string text = "x" + new string('a', 500) + " end";
        List<Token> tokens = WordTokenizer.Tokenize(text);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tokens, Has.Count.EqualTo(2));
            Assert.That(tokens[0].Length, Is.EqualTo(501));
        }
    }
}

[TestFixture]
public class SentenceSplitterTests
{
    private static string[] Sentences(string text) =>
        SentenceSplitter.Split(text).Select(s => text.Substring(s.Start, s.Length)).ToArray();

    [TestCase("Officials in the U.S. said on Monday that talks would resume.")]
    [TestCase("Gen. Tomas Reyl arrived in the port on Friday.")]
    [TestCase("The inspection took place on Oct. 12 last year.")]
    [TestCase("Mr. Okafor scored the winner.")]
    [TestCase("The report was written by J. Smith and approved later.")]
    [TestCase("Mrs. Varga met Dr. Brandt and Prof. Lind at St. Mary's on Jan. 3.")]
    [TestCase("The U.S. Navy and the U.N. Security Council both replied.")]
    [TestCase("It cost approx. five million.")]
    public void AbbreviationsAndInitialsDoNotSplit(string text)
    {
        Assert.That(Sentences(text), Is.EqualTo(new[] { text }));
    }

    [Test]
    public void AcronymAtTheEndOfASentenceSplitsBeforeANewSentence()
    {
        Assert.That(Sentences("The delegation flew back to the U.S. The next round starts in May."),
            Is.EqualTo(new[] { "The delegation flew back to the U.S.", "The next round starts in May." }));
    }

    [Test]
    public void ExclamationAndQuestionMarksSplit()
    {
        Assert.That(Sentences("Is the bridge open? No! It closed on Tuesday."),
            Is.EqualTo(new[] { "Is the bridge open?", "No!", "It closed on Tuesday." }));
    }

    [Test]
    public void ClosingQuotesStayWithTheirSentence()
    {
        Assert.That(Sentences("\"There is no crack.\" He left. (It was late.) Then rain."),
            Is.EqualTo(new[] { "\"There is no crack.\"", "He left.", "(It was late.)", "Then rain." }));
    }

    [Test]
    public void NewlinesSplit()
    {
        Assert.That(Sentences("Headline without a period\nFirst line of the body\r\nSecond line\n\n  Third line  "),
            Is.EqualTo(new[] { "Headline without a period", "First line of the body", "Second line", "Third line" }));
    }

    [Test]
    public void CjkSentenceMarksSplitWithoutASpace()
    {
        Assert.That(Sentences("橋は火曜日に閉鎖された。「フェリーが運航する」と市は述べた。本当か？はい！"),
            Is.EqualTo(new[] { "橋は火曜日に閉鎖された。", "「フェリーが運航する」と市は述べた。", "本当か？", "はい！" }));
    }

    [Test]
    public void ArabicAndDevanagariSentenceMarksSplit()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Sentences("هل الجسر مغلق؟ نعم، منذ يوم الثلاثاء۔ قال المسؤولون ذلك."),
                Is.EqualTo(new[] { "هل الجسر مغلق؟", "نعم، منذ يوم الثلاثاء۔", "قال المسؤولون ذلك." }));
            Assert.That(Sentences("पुल मंगलवार को बंद हुआ। नौकाएँ हर बीस मिनट चलेंगी॥ अधिकारी सहमत हैं।"),
                Is.EqualTo(new[] { "पुल मंगलवार को बंद हुआ।", "नौकाएँ हर बीस मिनट चलेंगी॥", "अधिकारी सहमत हैं।" }));
        }
    }

    [Test]
    public void TextWithoutPunctuationIsOneSentence()
    {
        Assert.That(Sentences("  ferries run every twenty minutes until the bridge reopens  "),
            Is.EqualTo(new[] { "ferries run every twenty minutes until the bridge reopens" }));
    }

    [Test]
    public void DecimalNumbersDoNotSplit()
    {
        Assert.That(Sentences("Prices rose 3.5 percent. Wages did not."), Is.EqualTo(new[] { "Prices rose 3.5 percent.", "Wages did not." }));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\n\r\n \t")]
    public void BlankTextHasNoSentences(string text)
    {
        Assert.That(SentenceSplitter.Split(text), Is.Empty);
    }

    [TestCase("The U.S. Gen. J. Smith said so! Did he? Yes.\nNext line. Mr. Reyl... disagreed. \"Really?\" she asked.")]
    [TestCase("  Leading space. Trailing space.   ")]
    [TestCase("...!?")]
    [TestCase("A.")]
    [TestCase("Ends with an abbreviation, e.g.")]
    [TestCase("Мост закрыли. 다리는 폐쇄되었다! \U0001F309 Done?")]
    public void SpansAreOrderedDisjointTrimmedAndInsideTheText(string text)
    {
        List<TextSpan> spans = SentenceSplitter.Split(text);
        Assert.That(spans, Is.Not.Empty);
        int previousEnd = 0;
        foreach (TextSpan span in spans)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(span.Length, Is.GreaterThan(0));
                Assert.That(span.Start, Is.GreaterThanOrEqualTo(previousEnd), "spans out of order or overlapping");
                Assert.That(span.End, Is.LessThanOrEqualTo(text.Length));
                Assert.That(char.IsWhiteSpace(text[span.Start]), Is.False, "leading white space");
                Assert.That(char.IsWhiteSpace(text[span.End - 1]), Is.False, "trailing white space");
            }
            previousEnd = span.End;
        }
        // every non-space character of the text is in some sentence
        string covered = string.Concat(spans.Select(s => text.Substring(s.Start, s.Length)));
        Assert.That(covered.Count(c => !char.IsWhiteSpace(c)), Is.EqualTo(text.Count(c => !char.IsWhiteSpace(c))));
    }
}

[TestFixture]
public class NumberWordsTests
{
    [TestCase("Eight pupils were taken to hospital.", "8 pupils were taken to hospital.")]
    [TestCase("Forty-one of the users said so.", "41 of the users said so.")]
    [TestCase("forty one of them", "41 of them")]
    [TestCase("about twenty people", "about 20 people")]
    [TestCase("a hundred firefighters", "100 firefighters")]
    [TestCase("A thousand homes", "1,000 homes")]
    [TestCase("three thousand fans", "3,000 fans")]
    [TestCase("two hundred and fifty-six seats", "256 seats")]
    [TestCase("twelve hundred runners", "1,200 runners")]
    [TestCase("one hundred days", "100 days")]
    [TestCase("a seven-year-old boy", "a 7-year-old boy")]
    [TestCase("nine in ten drivers", "9 in 10 drivers")]
    [TestCase("Five were taken; all five went home.", "5 were taken; all 5 went home.")]
    [TestCase("two million people", "2 million people")]
    public void NumbersWrittenInWordsBecomeDigits(string text, string expected) =>
        Assert.That(NumberWords.ToDigits(text), Is.EqualTo(expected));

    [TestCase("one of the wheelchair users")]
    [TestCase("no one was hurt")]
    [TestCase("two thirds of parents")]
    [TestCase("nearly two-thirds of streets")]
    [TestCase("three-quarters of an hour")]
    [TestCase("the tenants and the often-seen bones")]
    [TestCase("hundreds of people, a third of them")]
    [TestCase("the second and the eighth")]
    [TestCase("Oneida, Tenby and Sevenoaks")]
    [TestCase("")]
    public void EverythingElseStaysAsWritten(string text) =>
        Assert.That(NumberWords.ToDigits(text), Is.SameAs(text));
}
