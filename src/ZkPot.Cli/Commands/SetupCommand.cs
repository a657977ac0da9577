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
    public static int Run(Args args, TextWriter stdout)
    {
        var r1csPath = args.Required("r1cs");
        var ptauPath = args.Optional("ptau");
        var dev = args.Flag("dev");
        var skipCheck = args.Flag("skip-ptau-check");
        var zkeyPath = args.Required("zkey");
        args.RejectUnknown();
        if (args.Positional.Count > 0)
            throw new UsageException($"unexpected argument '{args.Positional[0]}'");
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
