using System.Buffers.Binary;
using System.Globalization;
using ZkPot.Snark.Setup;

namespace ZkPot.TestSupport;

/// <summary>
/// Powers-of-tau files for tests, made rather than carried in the repository, each once per machine and cached under
/// .build/oracle (checked against its manifest on first use in a process, rebuilt when damaged). Two makers:
/// <list type="bullet">
/// <item><see cref="Snarkjs"/>: the pinned snarkjs (<c>powersoftau new</c>, one contribution, <c>prepare phase2</c>), the
/// interop oracle, at small powers: snarkjs takes about 5 minutes for power 14 on two cores, most of it preparing.</item>
/// <item><see cref="Ours"/>: this project's phase 1 (<see cref="Phase1Ceremony"/>, <see cref="Phase1Preparer"/>), for
/// the power-14 file the chain circuit needs; tests that compare our keys with snarkjs's on it also check that snarkjs
/// reads our prepared file as we do.</item>
/// </list>
/// One contribution of known entropy each: fine for tests and interop checks, never for a key anyone relies on.
/// </summary>
public static class PtauFixtures
{
    const string Entropy = "zkpot test ptau, fixed entropy, not secret";

    /// <summary>The smallest power handed out: every small circuit shares one file instead of one file per size.</summary>
    public const int SmallPower = 8;

    /// <summary>The power the chain circuit needs (16,003 rows).</summary>
    public const int ChainPower = 14;

    /// <summary>A prepared power-<see cref="SmallPower"/> file (256 rows).</summary>
    public static string Small => Snarkjs(SmallPower);

    /// <summary>A prepared power-14 file for the chain circuit, made by this project's phase 1.</summary>
    public static string Power14 => Ours(ChainPower);

    /// <summary>The prepared file of the smallest power (at least <see cref="SmallPower"/>) whose domain holds the circuit's rows.</summary>
    public static string For(string r1csPath)
    {
        var rows = R1csRows(r1csPath);
        var power = SmallPower;
        while ((1L << power) < rows)
            power++;
        return power <= SmallPower ? Snarkjs(power) : Ours(power);
    }

    /// <summary>Rows of the setup domain: constraints + public wires (outputs and inputs) + 1, from the .r1cs header.</summary>
    static long R1csRows(string r1csPath)
    {
        var bytes = File.ReadAllBytes(r1csPath);
        if (bytes.Length < 12 || bytes[0] != (byte)'r' || bytes[1] != (byte)'1' || bytes[2] != (byte)'c' || bytes[3] != (byte)'s')
            throw new InvalidDataException($"{r1csPath} is not an .r1cs file");
        var sections = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        long offset = 12;
        for (var i = 0; i < sections; i++)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset));
            var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)offset + 4));
            if (type == 1)
            {
                var header = bytes.AsSpan((int)offset + 12);
                var fieldSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
                var counts = header[(4 + fieldSize)..];
                var pubOut = BinaryPrimitives.ReadUInt32LittleEndian(counts[4..]);
                var pubIn = BinaryPrimitives.ReadUInt32LittleEndian(counts[8..]);
                var constraints = BinaryPrimitives.ReadUInt32LittleEndian(counts[24..]);
                return constraints + (long)pubOut + pubIn + 1;
            }
            offset += 12 + size;
        }
        throw new InvalidDataException($"{r1csPath} has no header section");
    }

    /// <summary>A prepared file of the given power made by this project's phase 1 (new, one contribution, prepare), cached.</summary>
    public static string Ours(int power)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(power, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(power, 20);
        // Keyed by a format version, not the assembly: any valid file serves, and the tests that use it check it.
        var key = new CacheKeyBuilder().Add("ptau-ours-v1").Add(power.ToString(CultureInfo.InvariantCulture)).ToString();
        var name = $"pot{power}_final.ptau";
        var dir = OracleCache.GetOrCreate($"ptau{power}-ours", key, temp =>
        {
            var fresh = Path.Combine(temp, "pot_0000.ptau");
            var contributed = Path.Combine(temp, "pot_0001.ptau");
            Phase1Ceremony.New(power, fresh);
            using (var ptau = PowersOfTau.Open(fresh))
                Phase1Ceremony.Contribute(ptau, contributed, "zkpot test ptau", Entropy);
            using (var ptau = PowersOfTau.Open(contributed))
                Phase1Preparer.Prepare(ptau, Path.Combine(temp, name));
            File.Delete(fresh);
            File.Delete(contributed);
        });
        return Path.Combine(dir, name);
    }

    /// <summary>A prepared file of the given power made by snarkjs, cached.</summary>
    public static string Snarkjs(int power)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(power, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(power, 20);
        var key = new CacheKeyBuilder().Add("ptau").Add(power.ToString(CultureInfo.InvariantCulture))
            .Add(Entropy).AddFile(Path.Combine(RepoPaths.NodeModules, "snarkjs", "package.json")).ToString();
        var name = $"pot{power}_final.ptau";
        var dir = OracleCache.GetOrCreate($"ptau{power}", key, temp =>
        {
            var fresh = Path.Combine(temp, "pot_0000.ptau");
            var contributed = Path.Combine(temp, "pot_0001.ptau");
            TestSupport.Snarkjs.Run("powersoftau", "new", "bn128", power.ToString(CultureInfo.InvariantCulture), fresh);
            TestSupport.Snarkjs.Run("powersoftau", "contribute", fresh, contributed, "--name=zkpot test ptau", "-e=" + Entropy);
            TestSupport.Snarkjs.Run("powersoftau", "prepare", "phase2", contributed, Path.Combine(temp, name));
            File.Delete(fresh);
            File.Delete(contributed);
        });
        return Path.Combine(dir, name);
    }
}
