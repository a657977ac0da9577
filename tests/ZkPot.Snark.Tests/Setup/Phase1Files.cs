using System.Buffers.Binary;
using ZkPot.Snark.Setup;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>Small .ptau files for the phase-1 tests, made with this project's ceremony code in a temporary folder.</summary>
internal static class Phase1Files
{
    /// <summary>Offsets inside a contribution record (section 7, after the u32 count) of the fields tests tamper with.</summary>
    public const int RecordAlphaG1 = 192, RecordKeyTauS = 448, RecordKeyTauSpx = 832, RecordNextChallenge = 1432;

    public static string New(SetupTempDirectory dir, int power, string name = "fresh.ptau")
    {
        var path = dir.File(name);
        Phase1Ceremony.New(power, path);
        return path;
    }

    public static string Contribute(string input, string output, string name, string? entropy = null)
    {
        using var ptau = PowersOfTau.Open(input);
        Phase1Ceremony.Contribute(ptau, output, name, entropy);
        return output;
    }

    public static string Beacon(string input, string output, byte[] beacon, int exponent = 10)
    {
        using var ptau = PowersOfTau.Open(input);
        Phase1Ceremony.Beacon(ptau, output, "beacon", beacon, exponent);
        return output;
    }

    public static string Prepare(string input, string output)
    {
        using var ptau = PowersOfTau.Open(input);
        Phase1Preparer.Prepare(ptau, output);
        return output;
    }

    public static Phase1Verification Verify(string path)
    {
        using var ptau = PowersOfTau.Open(path);
        return Phase1Verifier.Verify(ptau);
    }

    public static Phase1Verification Verify(byte[] bytes)
    {
        using var ptau = PowersOfTau.Open(new MemoryStream(bytes, writable: false), "tampered.ptau");
        return Phase1Verifier.Verify(ptau);
    }

    /// <summary>Offset in the file of record <paramref name="number"/> (from 1), parameters included in the walk.</summary>
    public static int RecordOffset(byte[] file, int number)
    {
        var sections = new IdenSections(file);
        var at = sections.Offset(7) + 4;
        for (var i = 1; i < number; i++)
        {
            var parameters = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 1500));
            at += 1504 + (int)parameters;
        }
        return at;
    }
}
