using System.Buffers.Binary;
using System.Text;
using ClaimMl.JudgeTrainer.Native;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary>The ELF patch that lets TorchSharp's bridge load on Debian 12's C++ runtime.</summary>
public class LibTorchLoaderTests
{
    [Test]
    public void MarksOnlyTheNamedVersionWeakAndOnlyOnce()
    {
        byte[] image = TinyElf(["GLIBCXX_3.4.20", LibTorchLoader.WeakenedVersion, "CXXABI_1.3"]);
        Assert.That(LibTorchLoader.WeakenVersionRequirement(image, LibTorchLoader.WeakenedVersion), Is.EqualTo(1));
        Assert.That(Flags(image), Is.EqualTo(new ushort[] { 0, 2, 0 }));
        Assert.That(LibTorchLoader.WeakenVersionRequirement(image, LibTorchLoader.WeakenedVersion), Is.Zero, "already weak: nothing to change");
        Assert.That(LibTorchLoader.WeakenVersionRequirement(TinyElf(["GLIBCXX_3.4.20"]), LibTorchLoader.WeakenedVersion), Is.Zero, "a library that does not need the version is left alone");
    }

    [Test]
    public void RefusesWhatIsNotA64BitElfFile()
    {
        Assert.Throws<InvalidDataException>(() => LibTorchLoader.WeakenVersionRequirement(Encoding.ASCII.GetBytes("MZ this is not ELF at all, not even close to it ......................"), "x"));
        byte[] image = TinyElf(["A"]);
        image[4] = 1; // 32-bit
        Assert.Throws<InvalidDataException>(() => LibTorchLoader.WeakenVersionRequirement(image, "A"));
        byte[] truncated = TinyElf(["A"])[..100];
        Assert.Throws<InvalidDataException>(() => LibTorchLoader.WeakenVersionRequirement(truncated, "A"));
    }

    [Test]
    public void TheTestsOwnCopyOfTheBridgeLoads()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("The patch concerns Linux x64 only.");
        }
        LibTorchLoader.EnsureLoaded(1);
        byte[] library = File.ReadAllBytes(LibTorchLoader.FindLibrary());
        Assert.That(LibTorchLoader.WeakenVersionRequirement(library, LibTorchLoader.WeakenedVersion), Is.Zero, "the copy beside the tests is patched");
        using var sum = TorchSharp.torch.ones(3).sum();
        Assert.That(sum.item<float>(), Is.EqualTo(3f));
    }

    /// <summary>An ELF64 image with a section table of three entries: null, .dynstr, .gnu.version_r needing the versions from one file.</summary>
    private static byte[] TinyElf(string[] versions)
    {
        var strings = new List<byte> { 0 };
        int file = strings.Count;
        strings.AddRange(Encoding.ASCII.GetBytes("libstdc++.so.6\0"));
        var names = new List<int>();
        foreach (string v in versions)
        {
            names.Add(strings.Count);
            strings.AddRange(Encoding.ASCII.GetBytes(v + "\0"));
        }
        const int header = 64, sectionSize = 64;
        int stringsAt = header;
        int needAt = stringsAt + strings.Count;
        int needSize = 16 + (16 * versions.Length);
        int table = needAt + needSize;
        var image = new byte[table + (3 * sectionSize)];
        image[0] = 0x7F; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F'; image[4] = 2; image[5] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(0x28), table);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3A), sectionSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3C), 3);
        strings.ToArray().CopyTo(image, stringsAt);
        // Verneed: version 1, count, file, aux offset 16, next 0.
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(needAt), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(needAt + 2), (ushort)versions.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(needAt + 4), (uint)file);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(needAt + 8), 16);
        for (int i = 0; i < versions.Length; i++)
        {
            int aux = needAt + 16 + (16 * i);
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(aux + 8), (uint)names[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(aux + 12), i == versions.Length - 1 ? 0u : 16u);
        }
        // Section 1: .dynstr; section 2: .gnu.version_r (type, offset, link to 1, info = 1 entry).
        int dynstr = table + sectionSize, verneed = table + (2 * sectionSize);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(dynstr + 4), 3);
        BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(dynstr + 0x18), stringsAt);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(verneed + 4), 0x6ffffffe);
        BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(verneed + 0x18), needAt);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(verneed + 0x28), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(verneed + 0x2C), 1);
        return image;

    }

    private static ushort[] Flags(byte[] image)
    {
        long table = BinaryPrimitives.ReadInt64LittleEndian(image.AsSpan(0x28));
        int needAt = (int)BinaryPrimitives.ReadInt64LittleEndian(image.AsSpan((int)table + 128 + 0x18));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(needAt + 2));
        return Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(needAt + 16 + (16 * i) + 4))).ToArray();
    }
}
