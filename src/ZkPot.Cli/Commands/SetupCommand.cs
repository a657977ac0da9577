using System.CommandLine;
using System.Diagnostics;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot setup --r1cs R1CS (--ptau PTAU [--skip-ptau-check] | --dev) --zkey OUT.zkey`: Groth16 key generation in
/// snarkjs's layout. With --ptau the key is the one `snarkjs groth16 setup` makes (delta = 1; contribute before use),
/// after checking that the file's series are consistent powers and Lagrange bases (skip that, as snarkjs does, for a
/// file whose hash you already trust); with --dev every secret is drawn in this process, which is UNSAFE FOR
/// PRODUCTION and said so on stderr.
/// </summary>
public static class SetupCommand
{
    public static Command Create()
    {
        var r1cs = Options.RequiredText("--r1cs", "the circuit (.r1cs)", "R1CS");
        var ptau = Options.OptionalText("--ptau", "a prepared powers-of-tau file (zkpot ptau prepare) of a power large enough for the circuit",
            "none: give --ptau or --dev", "PTAU");
        var dev = Options.Flag("--dev", "draw every secret in this process instead: UNSAFE FOR PRODUCTION, for development only");
        var skipCheck = Options.Flag("--skip-ptau-check", "do not check that --ptau's series are consistent (for a file whose hash you already trust)");
        var zkey = Options.RequiredText("--zkey", "where to write the key (.zkey)", "ZKEY");
        var command = new Command("setup", "Groth16 keys for a circuit in snarkjs's layout, from a prepared powers-of-tau file (or --dev)")
        {
            r1cs, ptau, dev, skipCheck, zkey,
        };
        command.SetAction(p => Run(p.GetRequiredValue(r1cs), p.GetValue(ptau), p.GetValue(dev), p.GetValue(skipCheck), p.GetRequiredValue(zkey), p.Output()));
        return command;
    }

    static int Run(string r1csPath, string? ptauPath, bool dev, bool skipCheck, string zkeyPath, TextWriter stdout)
    {
        if (dev == (ptauPath is not null))
            throw new UsageException("give exactly one of --ptau PTAU (a prepared powers-of-tau file) or --dev (UNSAFE, for development)");
        if (dev && skipCheck)
            throw new UsageException("--skip-ptau-check goes with --ptau, not --dev");

        var r1cs = R1csReader.Read(r1csPath);
        var clock = Stopwatch.StartNew();
        ZKey zkey;
        string source;
        if (dev)
        {
            Console.Error.WriteLine(DevelopmentSecrets.Warning);
            zkey = Groth16Setup.Development(r1cs);
            source = "--dev (UNSAFE FOR PRODUCTION)";
        }
        else
        {
            using var ptau = PowersOfTau.Open(ptauPath!);
            zkey = Groth16Setup.FromPowersOfTau(r1cs, ptau, checkPhase1: !skipCheck);
            source = $"{ptauPath} (power {ptau.Power}, {ptau.Contributions.Count} contribution{(ptau.Contributions.Count == 1 ? "" : "s")}, " +
                (skipCheck ? "consistency not checked)" : "consistency checked)");
        }
        var elapsed = clock.Elapsed;
        ZKeyFiles.WriteAtomically(zkey, zkeyPath);

        var h = zkey.Header;
        stdout.WriteLine($"wrote {zkeyPath}: {r1cs.NConstraints} constraints, {h.NVars} wires, {h.NPublic} public, domain 2^{h.Power}, from {source} in {elapsed.TotalSeconds:F2} s");
        stdout.WriteLine($"circuit hash: {Convert.ToHexStringLower(zkey.Contributions.CircuitHash)}");
        if (!dev)
            stdout.WriteLine($"delta = 1: add contributions (zkpot zkey contribute --in {zkeyPath} --out NEXT.zkey --name NAME) before using the key");
        return 0;
    }
}
