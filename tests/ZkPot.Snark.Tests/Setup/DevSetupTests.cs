using System.Numerics;
using ZkPot.Crypto;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Setup;

namespace ZkPot.Snark.Tests.Setup;

public class DevSetupTests
{
    static readonly DevelopmentSecrets Known = new(Fr.FromUInt64(123456789), Fr.FromUInt64(11), Fr.FromUInt64(22), Fr.FromUInt64(33), Fr.FromUInt64(44));
    static readonly Lazy<ZKey> knownKey = new(() => Groth16Setup.Development(SetupFixtures.MulR1cs, Known));

    static G1Affine G1Times(Fr k) => G1.Generator.ToJacobian().Multiply(k).ToAffine();

    static G2Affine G2Times(Fr k) => G2.Generator.ToJacobian().Multiply(k).ToAffine();

    /// <summary>L_j(x) as the product over the other roots, (x - w^m) / (w^j - w^m): independent of the closed form setup uses.</summary>
    static Fr NaiveLagrange(int j, Fr x, int power)
    {
        var n = 1 << power;
        var w = NttRoots.Root(power);
        var wj = w.Pow(new BigInteger(j));
        var value = Fr.One;
        for (var m = 0; m < n; m++)
        {
            if (m == j)
                continue;
            var wm = w.Pow(new BigInteger(m));
            value *= (x - wm) * (wj - wm).Inverse();
        }
        return value;
    }

    /// <summary>The wire's polynomial at tau from the r1cs rows, the added row for public wires included.</summary>
    static Fr Column(R1csMatrix matrix, int wire, Fr[] lagrange, bool addedRow, R1cs r1cs)
    {
        var sum = Fr.Zero;
        for (var row = 0; row < matrix.RowCount; row++)
        {
            var wires = matrix.RowWires(row);
            for (var t = 0; t < wires.Length; t++)
            {
                if (wires[t] == wire)
                    sum += matrix.RowValues(row)[t] * lagrange[row];
            }
        }
        if (addedRow && wire <= r1cs.NPublic)
            sum += lagrange[r1cs.NConstraints + wire];
        return sum;
    }

    [Fact]
    public void Dev_key_points_are_the_wire_polynomials_at_tau_computed_independently()
    {
        var r1cs = SetupFixtures.MulR1cs;
        var key = knownKey.Value;
        var power = key.Header.Power;
        var lagrange = Enumerable.Range(0, 1 << power).Select(j => NaiveLagrange(j, Known.Tau, power)).ToArray();
        var deltaInverse = Known.Delta.Inverse();
        for (var i = 0; i < r1cs.NWires; i++)
        {
            var a = Column(r1cs.A, i, lagrange, addedRow: true, r1cs);
            var b = Column(r1cs.B, i, lagrange, addedRow: false, r1cs);
            var c = Column(r1cs.C, i, lagrange, addedRow: false, r1cs);
            Assert.Equal(G1Times(a), key.A[i]);
            Assert.Equal(G1Times(b), key.B1[i]);
            Assert.Equal(G2Times(b), key.B2[i]);
            var k = Known.Beta * a + Known.Alpha * b + c;
            if (i <= r1cs.NPublic)
                Assert.Equal(G1Times(k * Known.Gamma.Inverse()), key.IC[i]);
            else
                Assert.Equal(G1Times(k * deltaInverse), key.C[i - r1cs.NPublic - 1]);
        }
        for (var i = 0; i < key.H.Length; i++)
            Assert.Equal(G1Times(NaiveLagrange(2 * i + 1, Known.Tau, power + 1) * deltaInverse), key.H[i]);
    }

    [Fact]
    public void Dev_key_header_holds_the_secrets_and_its_delta_is_a_recorded_contribution()
    {
        var h = knownKey.Value.Header;
        Assert.Equal(G1Times(Known.Alpha), h.Alpha1);
        Assert.Equal(G1Times(Known.Beta), h.Beta1);
        Assert.Equal(G2Times(Known.Beta), h.Beta2);
        Assert.Equal(G2Times(Known.Gamma), h.Gamma2);
        Assert.Equal(G1Times(Known.Delta), h.Delta1);
        Assert.Equal(G2Times(Known.Delta), h.Delta2);
        var record = Assert.Single(knownKey.Value.Contributions.Items);
        Assert.Equal(Groth16Setup.DevelopmentContributionName, record.Name);
        Assert.Equal(h.Delta1, record.DeltaAfter);
    }

    [Fact]
    public void Dev_key_coefficients_and_domain_are_snarkjs_s()
    {
        var ours = Groth16Setup.Development(SetupFixtures.MulR1cs);
        var theirs = ZKeyReader.Read(SetupFixtures.SnarkjsInitialKey(SetupFixtures.Mul.R1cs));
        Assert.Equal(theirs.Header.DomainSize, ours.Header.DomainSize);
        Assert.Equal(theirs.Header.NPublic, ours.Header.NPublic);
        Assert.Equal(theirs.Coefficients.ToArray(), ours.Coefficients.ToArray());
    }

    [Fact]
    public void Dev_key_chain_verifies_without_ptau_and_further_contributions_extend_it()
    {
        var key = Phase2Ceremony.Contribute(Groth16Setup.Development(SetupFixtures.MulR1cs), "after dev");
        var report = SetupVerifier.VerifyChain(SetupFixtures.MulR1cs, key);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Equal([Groth16Setup.DevelopmentContributionName, "after dev"], report.Contributions.Select(c => c.Name));

        var witness = WitnessReader.Read(SetupFixtures.MulWitness).Values.ToArray();
        var proof = Groth16Prover.Cpu.Prove(key, witness);
        Assert.True(Groth16Verifier.Verify(ZKeyExport.ToVerifyingKey(key), Groth16Prover.PublicSignals(key, witness), proof));
    }

    [Fact]
    public void Dev_key_with_a_wrong_b2_point_fails_without_ptau()
    {
        var key = knownKey.Value;
        var b2 = key.B2.ToArray();
        b2[1] = b2[1].ToJacobian().AddMixed(G2.Generator).ToAffine();
        var report = SetupVerifier.VerifyChain(SetupFixtures.MulR1cs, KeyEdits.With(key, b2: b2));
        Assert.Equal("B1 against B2", report.FirstFailure?.Name);
    }

    [Fact]
    public void Dev_secrets_refuse_zero() =>
        Assert.Throws<ArgumentException>(() => new DevelopmentSecrets(Fr.One, Fr.One, Fr.One, Fr.Zero, Fr.One));
}
