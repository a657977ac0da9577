using System.CommandLine;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot verify --vk VK (--proof P --public PUB | --batch DIR)`: exit 0 when every proof verifies, 1 when a
/// well-formed proof does not, 2 for malformed input.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var vk = Options.RequiredText("--vk", "the verifying key, snarkjs's verification_key.json", "VK");
        var proof = Options.OptionalText("--proof", "one proof, snarkjs's proof.json (with --public)", "none: give --batch", "PROOF");
        var pub = Options.OptionalText("--public", "the public signals of --proof, snarkjs's public.json", "none: give --batch", "PUBLIC");
        var batch = Options.OptionalText("--batch", "a folder of NAME.proof.json with NAME.public.json, checked together, a line per proof",
            "none: give --proof and --public", "DIR");
        var command = new Command("verify", "Groth16 verification of snarkjs files: OK and exit 0, INVALID and exit 1, exit 2 for malformed input")
        {
            vk, proof, pub, batch,
        };
        command.SetAction(p => Run(p.GetRequiredValue(vk), p.GetValue(batch), p.GetValue(proof), p.GetValue(pub), p.Output()));
        return command;
    }

    static int Run(string vkPath, string? batch, string? proofPath, string? publicPath, TextWriter stdout)
    {
        if (batch is not null && (proofPath is not null || publicPath is not null))
            throw new UsageException("give either --batch DIR or --proof and --public, not both");
        var vk = SnarkjsJson.ReadVerifyingKey(vkPath);
        if (batch is not null) return RunBatch(vk, batch, stdout);
        if (proofPath is null || publicPath is null) throw new UsageException("--proof and --public are required (or --batch DIR)");

        var proof = SnarkjsJson.ReadProof(proofPath);
        var pub = SnarkjsJson.ReadPublic(publicPath);
        bool ok = Groth16Verifier.Verify(vk, pub, proof);
        stdout.WriteLine(ok ? "OK" : "INVALID");
        return ok ? 0 : 1;
    }

    static int RunBatch(VerifyingKey vk, string dir, TextWriter stdout)
    {
        if (!Directory.Exists(dir)) throw new IOException($"{dir}: no such directory");
        var names = Directory.GetFiles(dir, "*.proof.json").Select(p => Path.GetFileName(p)[..^".proof.json".Length]).Order(StringComparer.Ordinal).ToArray();
        if (names.Length == 0) throw new InvalidDataException($"{dir}: no *.proof.json files");

        // Parse (and subgroup-check) in parallel; a malformed pair is reported on its own line.
        var parsed = new (Fr[] Public, Proof Proof)?[names.Length];
        var errors = new string?[names.Length];
        Parallel.For(0, names.Length, i =>
        {
            try
            {
                var proof = SnarkjsJson.ReadProof(Path.Combine(dir, names[i] + ".proof.json"));
                var pub = SnarkjsJson.ReadPublic(Path.Combine(dir, names[i] + ".public.json"));
                if (pub.Length != vk.PublicCount)
                    throw new InvalidDataException($"{pub.Length} public signals given, the verifying key expects {vk.PublicCount}");
                parsed[i] = (pub, proof);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException) { errors[i] = e.Message; }
        });

        var wellFormed = Enumerable.Range(0, names.Length).Where(i => parsed[i] is not null).ToArray();
        var verdicts = Groth16Verifier.VerifyBatch(vk, wellFormed.Select(i => parsed[i]!.Value).ToArray());
        var valid = new bool[names.Length];
        for (int k = 0; k < wellFormed.Length; k++) valid[wellFormed[k]] = verdicts[k];

        int ok = 0, bad = 0, malformed = 0;
        for (int i = 0; i < names.Length; i++)
        {
            if (errors[i] is not null) { malformed++; stdout.WriteLine($"{names[i]} MALFORMED {errors[i]}"); }
            else if (valid[i]) { ok++; stdout.WriteLine($"{names[i]} OK"); }
            else { bad++; stdout.WriteLine($"{names[i]} INVALID"); }
        }
        stdout.WriteLine($"{names.Length} proofs: {ok} valid, {bad} invalid, {malformed} malformed");
        return malformed > 0 ? 2 : bad > 0 ? 1 : 0;
    }
}
