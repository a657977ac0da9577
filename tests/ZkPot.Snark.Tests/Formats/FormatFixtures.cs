using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Formats;

/// <summary>The snarkjs/circom artifacts the format tests read: mul and chain, each with one witness, made once per run.</summary>
internal static class FormatFixtures
{
    static readonly Lazy<OracleFixture> mul = new(() => OracleFixtures.Mul(1));
    static readonly Lazy<OracleFixture> chain = new(() => OracleFixtures.Chain(1));
    static readonly Lazy<string> mulWitness = new(() => Snarkjs.Witness(Mul.Wasm, OracleFixtures.MulInput(0)));
    static readonly Lazy<string> chainWitness = new(() => Snarkjs.Witness(Chain.Wasm, OracleFixtures.ChainInput(0)));

    public static OracleFixture Mul => mul.Value;

    public static OracleFixture Chain => chain.Value;

    public static string MulWitness => mulWitness.Value;

    public static string ChainWitness => chainWitness.Value;

    public static OracleFixture Circuit(string name) => name switch
    {
        "mul" => Mul,
        "chain" => Chain,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such fixture"),
    };

    public static string WitnessOf(string name) => name == "mul" ? MulWitness : ChainWitness;

    /// <summary>snarkjs's command line, run directly when a test needs its exit code rather than a cached artifact.</summary>
    public static ProcessOutput RunSnarkjs(params string[] arguments) =>
        NodeProcess.Run([Path.Combine(RepoPaths.NodeModules, "snarkjs", "build", "cli.cjs"), .. arguments]);
}
