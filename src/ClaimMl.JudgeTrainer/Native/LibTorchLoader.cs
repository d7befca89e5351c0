using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ClaimMl.JudgeTrainer.Native;

/// <summary>
/// Makes TorchSharp's native bridge load on Linux distributions whose C++ runtime is older than the one it was
/// built against (Debian 12: libstdc++ up to GLIBCXX_3.4.30). <c>libLibTorchSharp.so</c> in TorchSharp 0.107.0
/// requires <c>GLIBCXX_3.4.32</c> for a single symbol, <c>std::ios_base_library_init</c>, a marker newer compilers
/// emit and nothing calls; without that version the library does not load, and .NET reports it misleadingly
/// ("doesn't contain a reference to libtorch-cpu-linux-x64"). Marking that version requirement weak
/// (<c>VER_FLG_WEAK</c> in the library's <c>.gnu.version_r</c> section) lets the dynamic loader accept its absence.
/// Only this application's own copy of the library (in its output folder) is patched, once, atomically; the
/// NuGet cache is never touched, and on systems that have the version the flag changes nothing.
/// </summary>
internal static class LibTorchLoader
{
    /// <summary>The version requirement made weak.</summary>
    public const string WeakenedVersion = "GLIBCXX_3.4.32";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;
    private static readonly Lock Gate = new();
    private static bool s_ready;

    /// <summary>
    /// Patches this application's copy of <c>libLibTorchSharp.so</c> if it needs it, then initialises TorchSharp
    /// with <paramref name="threads"/> CPU threads. Call before any other TorchSharp call; safe to call again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The library is not beside the application, or cannot be patched.</exception>
    public static void EnsureLoaded(int threads)
    {
        lock (Gate)
        {
            if (!s_ready)
            {
                if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
                {
                    string library = FindLibrary();
                    PatchFile(library);
                }
                s_ready = true;
            }
        }
        TorchSharp.torch.set_num_threads(threads);
    }

    /// <summary>The application's copy of the bridge library.</summary>
    internal static string FindLibrary()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"libLibTorchSharp.so is not beside the application (looked for {string.Join(" and ", candidates)}); build the judge trainer (dotnet build src/ClaimMl.JudgeTrainer) so that its TorchSharp natives are copied.");
    }

    /// <summary>Marks <see cref="WeakenedVersion"/> weak in the file, through a temporary file and a rename; returns whether it changed.</summary>
    internal static bool PatchFile(string path)
    {
        byte[] image = File.ReadAllBytes(path);
        if (WeakenVersionRequirement(image, WeakenedVersion) == 0)
        {
            return false;
        }
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Could not patch '{path}' so that it loads on this system: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
        return true;
    }

    /// <summary>
    /// Sets the weak flag on every requirement of <paramref name="version"/> in a 64-bit little-endian ELF image's
    /// version-needs section that is not weak yet; returns how many it changed (0 when there is none, or all are weak).
    /// </summary>
    /// <exception cref="InvalidDataException">The image is not a well-formed 64-bit little-endian ELF file.</exception>
    internal static int WeakenVersionRequirement(Span<byte> image, string version)
    {
        if (image.Length < 64 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file.");
        }
        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");
        }
        long sectionTable = ReadInt64(image, 0x28);
        int entrySize = ReadUInt16(image, 0x3A);
        int sections = ReadUInt16(image, 0x3C);
        int changed = 0;
        for (int i = 0; i < sections; i++)
        {
            long header = sectionTable + ((long)i * entrySize);
            if (ReadUInt32(image, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            long offset = ReadInt64(image, header + 0x18);
            long strings = ReadInt64(image, sectionTable + ((long)ReadUInt32(image, header + 0x28) * entrySize) + 0x18);
            uint needs = ReadUInt32(image, header + 0x2C);
            long need = offset;
            for (uint n = 0; n < needs; n++)
            {
                int auxCount = ReadUInt16(image, need + 2);
                long aux = need + ReadUInt32(image, need + 8);
                for (int k = 0; k < auxCount; k++)
                {
                    ushort flags = ReadUInt16(image, aux + 4);
                    if ((flags & VerFlgWeak) == 0 && NameIs(image, strings + ReadUInt32(image, aux + 8), version))
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(Slice(image, aux + 4, 2), (ushort)(flags | VerFlgWeak));
                        changed++;
                    }
                    uint nextAux = ReadUInt32(image, aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }
                    aux += nextAux;
                }
                uint next = ReadUInt32(image, need + 12);
                if (next == 0)
                {
                    break;
                }
                need += next;
            }
        }
        return changed;
    }

    private static bool NameIs(Span<byte> image, long at, string name)
    {
        Span<byte> rest = Slice(image, at, 0, toEnd: true);
        int end = rest.IndexOf((byte)0);
        return end >= 0 && Encoding.ASCII.GetString(rest[..end]) == name;
    }

    private static Span<byte> Slice(Span<byte> image, long at, int length, bool toEnd = false)
    {
        if (at < 0 || at > image.Length || (!toEnd && at + length > image.Length))
        {
            throw new InvalidDataException($"The ELF file points outside itself (offset {at}).");
        }
        return toEnd ? image[(int)at..] : image.Slice((int)at, length);
    }

    private static ushort ReadUInt16(Span<byte> image, long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(image, at, 2));

    private static uint ReadUInt32(Span<byte> image, long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(image, at, 4));

    private static long ReadInt64(Span<byte> image, long at) => BinaryPrimitives.ReadInt64LittleEndian(Slice(image, at, 8));
}
