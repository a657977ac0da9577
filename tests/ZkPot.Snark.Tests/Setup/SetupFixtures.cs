using ZkPot.Snark.Formats;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>
/// What the setup tests share: the oracle's circuits compiled by circom, their witnesses, snarkjs's own initial key
/// for a circuit (cached like every oracle artifact), and snarkjs run on keys the tests make.
/// </summary>
internal static class SetupFixtures
{
    static readonly Lazy<CompiledCircuit> mul = new(() => Snarkjs.Compile(RepoPaths.Circuit("mul")));
    static readonly Lazy<CompiledCircuit> chain = new(() => Snarkjs.Compile(RepoPaths.Circuit("chain")));
    static readonly Lazy<R1cs> mulR1cs = new(() => R1csReader.Read(Mul.R1cs));
    static readonly Lazy<string> mulWitness = new(() => Snarkjs.Witness(Mul.Wasm, OracleFixtures.MulInput(0)));

    public static CompiledCircuit Mul => mul.Value;

    public static CompiledCircuit Chain => chain.Value;

    public static R1cs MulR1cs => mulR1cs.Value;

    public static string MulWitness => mulWitness.Value;

    static string SnarkjsCli => Path.Combine(RepoPaths.NodeModules, "snarkjs", "build", "cli.cjs");

    /// <summary><c>snarkjs groth16 setup</c>'s key for a circuit from the smallest test ptau that holds it, before any contribution.</summary>
    public static string SnarkjsInitialKey(string r1csPath)
    {
        var stem = Path.GetFileNameWithoutExtension(r1csPath);
        var ptau = PtauFixtures.For(r1csPath);
        var key = new CacheKeyBuilder().Add("setup-initial").AddFile(Path.Combine(RepoPaths.NodeModules, "snarkjs", "package.json"))
            .AddFile(r1csPath).AddFile(ptau).ToString();
        var dir = OracleCache.GetOrCreate($"{stem}-zkey0", key, temp =>
            Snarkjs.Run("groth16", "setup", r1csPath, ptau, Path.Combine(temp, stem + "_0000.zkey")));
        return Path.Combine(dir, stem + "_0000.zkey");
    }

    /// <summary>snarkjs's command line with its exit code and output, for verdicts a test asserts on.</summary>
    public static ProcessOutput RunSnarkjs(params string[] arguments) => NodeProcess.Run([SnarkjsCli, .. arguments]);

    /// <summary>
    /// Proves the mul witness with snarkjs from <paramref name="zkeyPath"/>, exports the key's vk with snarkjs, and
    /// returns the paths of proof.json, public.json and verification_key.json in <paramref name="directory"/>.
    /// </summary>
    public static (string Proof, string Public, string Vk) SnarkjsProve(string zkeyPath, string witness, string directory)
    {
        var proof = Path.Combine(directory, "proof.json");
        var pub = Path.Combine(directory, "public.json");
        var vk = Path.Combine(directory, "verification_key.json");
        Snarkjs.Run("groth16", "prove", zkeyPath, witness, proof, pub);
        Snarkjs.Run("zkey", "export", "verificationkey", zkeyPath, vk);
        return (proof, pub, vk);
    }
}
