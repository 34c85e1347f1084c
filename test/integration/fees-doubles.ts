// Test doubles for fee sources that have no real part on this machine, compiled with solc-js:
//
// - OperatorFeeOracle: contracts-bedrock 0.17.3 (the newest on the registry mirror) ships
//   GasPriceOracle 1.3.0, which predates Isthmus and has no getOperatorFee. This double answers
//   getOperatorFee(gasUsed) with the Isthmus formula (gasUsed × scalar / 1e6 + constant) and forwards
//   every other call (getL1Fee, …) by delegatecall to the real 1.3.0 code, so the L1 fee it quotes is
//   still the published oracle's. The node (anvil --optimism, op-revm) charges the operator fee from
//   L1Block storage slot 8 on its own: the test compares the two.
// - ArbSysDouble / NodeInterfaceDouble: there is no Arbitrum node here. ArbSys (0x64) answers
//   arbChainID() like Nitro does; NodeInterface (0xC8) answers gasEstimateL1Component with a simple
//   stand-in for Nitro's L1 pricing: (calldata bytes + 140) × 16 L1 gas at a fixed 30 gwei L1 base
//   fee, converted to L2 gas at the block's base fee. Only the wallet's reading of it is under test.
import { compileSolidity, type CompiledContract } from '../../devnet/lib/solidity.ts'

export const ARB_L1_BASE_FEE = 30_000_000_000n
export const ARB_OVERHEAD_BYTES = 140n

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract OperatorFeeOracle {
    address private immutable real;
    uint256 private immutable scalar;
    uint256 private immutable constantFee;

    constructor(address _real, uint32 _scalar, uint64 _constant) {
        real = _real;
        scalar = _scalar;
        constantFee = _constant;
    }

    function getOperatorFee(uint256 gasUsed) external view returns (uint256) {
        return gasUsed * scalar / 1e6 + constantFee;
    }

    fallback() external {
        address target = real;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}

contract ArbSysDouble {
    function arbChainID() external view returns (uint256) {
        return block.chainid;
    }
}

contract NodeInterfaceDouble {
    function gasEstimateL1Component(address, bool, bytes calldata data)
        external
        payable
        returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate)
    {
        l1BaseFeeEstimate = ${ARB_L1_BASE_FEE};
        baseFee = block.basefee;
        gasEstimateForL1 = uint64((data.length + ${ARB_OVERHEAD_BYTES}) * 16 * l1BaseFeeEstimate / baseFee);
    }
}
`

export function feeDoubles(): Record<'OperatorFeeOracle' | 'ArbSysDouble' | 'NodeInterfaceDouble', CompiledContract> {
  const out = compileSolidity({ 'FeeDoubles.sol': SOURCE })
  return { OperatorFeeOracle: out.OperatorFeeOracle!, ArbSysDouble: out.ArbSysDouble!, NodeInterfaceDouble: out.NodeInterfaceDouble! }
}
