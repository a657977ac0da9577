global using Orleans.Concurrency;
global using Fr = ZkPot.Crypto.PrimeField<ZkPot.Crypto.RModulus>;
global using G1Affine = ZkPot.Crypto.AffinePoint<ZkPot.Crypto.PrimeField<ZkPot.Crypto.PModulus>>;
global using G1Jacobian = ZkPot.Crypto.JacobianPoint<ZkPot.Crypto.PrimeField<ZkPot.Crypto.PModulus>>;
