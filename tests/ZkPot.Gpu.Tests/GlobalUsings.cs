global using Fp = ZkPot.Crypto.PrimeField<ZkPot.Crypto.PModulus>;
global using Fr = ZkPot.Crypto.PrimeField<ZkPot.Crypto.RModulus>;
global using G1Affine = ZkPot.Crypto.AffinePoint<ZkPot.Crypto.PrimeField<ZkPot.Crypto.PModulus>>;
global using G1Jacobian = ZkPot.Crypto.JacobianPoint<ZkPot.Crypto.PrimeField<ZkPot.Crypto.PModulus>>;
global using G2Affine = ZkPot.Crypto.AffinePoint<ZkPot.Crypto.Fp2>;
global using G2Jacobian = ZkPot.Crypto.JacobianPoint<ZkPot.Crypto.Fp2>;
global using ZkPot.Crypto;
