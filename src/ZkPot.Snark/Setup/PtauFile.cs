using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Writing .ptau files (the layout <see cref="PowersOfTau"/> reads): a file is written to a temporary name beside its
/// destination and renamed into place when complete, so a failure or a crash never leaves a half-written ceremony file
/// under the real name and an existing file is replaced only by a whole one.
/// </summary>
internal static class PtauFile
{
    public const uint HeaderSection = 1, TauG1 = 2, TauG2 = 3, AlphaTauG1 = 4, BetaTauG1 = 5, BetaG2 = 6, Contributions = 7;
    public const int HeaderSize = 4 + 32 + 4 + 4;

    /// <summary>Points per section: [tau^i]G1 up to 2^(power+1) - 2, the other series up to 2^power - 1.</summary>
    public static long Count(uint section, int power) => section switch
    {
        TauG1 => (2L << power) - 1,
        TauG2 or AlphaTauG1 or BetaTauG1 => 1L << power,
        BetaG2 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "not a point section"),
    };

    public static bool IsG2(uint section) => section is TauG2 or BetaG2;

    public static int PointSize(uint section) => IsG2(section) ? PointCodec.G2Size : PointCodec.G1Size;

    /// <summary>Runs <paramref name="write"/> on a temporary file beside <paramref name="path"/>, then moves it there.</summary>
    public static void WriteAtomically(string path, Action<FileStream, string> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read))
            {
                write(stream, temporary);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Section 1: n8 = 32, BN254's p, the power and the ceremony power.</summary>
    public static void WriteHeader(BinaryFileWriter writer, int power, int ceremonyPower)
    {
        writer.BeginSection(HeaderSection, HeaderSize);
        writer.U32(32);
        Span<byte> q = stackalloc byte[32];
        FieldCodec.WriteInteger(q, Fp.Modulus);
        writer.Write(q);
        writer.U32((uint)power);
        writer.U32((uint)ceremonyPower);
        writer.EndSection();
    }

    public static void WriteG1(BinaryFileWriter writer, ReadOnlySpan<G1Affine> points) =>
        writer.Records(points, PointCodec.G1Size, static (Span<byte> d, in G1Affine p) => PointCodec.WriteG1(d, p));

    public static void WriteG2(BinaryFileWriter writer, ReadOnlySpan<G2Affine> points) =>
        writer.Records(points, PointCodec.G2Size, static (Span<byte> d, in G2Affine p) => PointCodec.WriteG2(d, p));
}
