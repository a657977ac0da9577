using ZkPot.Snark.Circuits;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Setup;

namespace ZkPot.Gpu.Tests;

/// <summary>The Groth16 prover on the GPU engine (its kernels on ILGPU's CPU accelerator) against the CPU engine.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public class GpuProverTests(CpuAcceleratorFixture fixture)
{
    /// <summary>s[0] = x, s[i+1] = s[i]^2 + k, the last step public: one constraint per step.</summary>
    sealed class SquaringChain(int steps, Fr x, Fr k) : ICircuit
    {
        public void Define(CircuitBuilder builder)
        {
            var constant = builder.PublicInput(k);
            LinearCombination state = builder.PrivateInput(x);
            for (int i = 0; i < steps; i++)
            {
                var value = builder.Value(state).Square() + k;
                var next = i == steps - 1 ? builder.PublicOutput(value) : builder.Hint(value);
                builder.AssertProduct(state, state, next - constant);
                state = next;
            }
        }
    }

    [Fact]
    public void Proof_on_the_GPU_engine_equals_the_CPU_proof_and_verifies()
    {
        var built = CircuitBuilder.Build(new SquaringChain(60, Fr.FromUInt64(3), Fr.FromUInt64(11)));
        var zkey = Groth16Setup.Development(built.R1cs);
        var witness = built.Witness.Values;
        var r = Fr.FromUInt64(1234567);
        var s = Fr.FromUInt64(7654321);

        var cpu = Groth16Prover.Cpu.Prove(zkey, witness, r, s);
        var gpu = new Groth16Prover(fixture.Msm, fixture.Ntt).Prove(zkey, witness, r, s);

        Assert.Equal(cpu.A, gpu.A);
        Assert.Equal(cpu.B, gpu.B);
        Assert.Equal(cpu.C, gpu.C);
        var h = zkey.Header;
        var vk = VerifyingKey.Create(h.Alpha1, h.Beta2, h.Gamma2, h.Delta2, zkey.IC.ToArray());
        Assert.True(Groth16Verifier.Verify(vk, Groth16Prover.PublicSignals(zkey, witness), gpu));
    }
}
