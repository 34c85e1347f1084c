// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SimulationProbe
/// @notice The fallback simulation for nodes without eth_simulateV1: an eth_call sets this code on the
/// user's own address (a state override), so the call it makes to the target comes from the user
/// (msg.sender, ETH and tokens are theirs), between two readings of their ETH and token balances.
/// Nothing is ever deployed: the code exists only inside that one eth_call. It accepts ETH and NFTs
/// sent back to the user, as an account without code would.
/// The compiled runtime code is in ./probe.ts (test/unit/simulate-probe.test.ts checks they match).
contract SimulationProbe {
    function probe(address target, uint256 value, bytes calldata data, address[] calldata tokens)
        external
        returns (bool ok, bytes memory ret, uint256[] memory before, uint256[] memory afterwards)
    {
        before = balances(tokens);
        (ok, ret) = target.call{value: value}(data);
        afterwards = balances(tokens);
    }

    /// [ETH, then each token's balanceOf(this)]; a token that does not answer reads 0
    function balances(address[] calldata tokens) internal view returns (uint256[] memory b) {
        b = new uint256[](tokens.length + 1);
        b[0] = address(this).balance;
        for (uint256 i = 0; i < tokens.length; i++) {
            (bool s, bytes memory r) = tokens[i].staticcall(abi.encodeWithSelector(0x70a08231, address(this)));
            if (s && r.length >= 32) b[i + 1] = abi.decode(r, (uint256));
        }
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return 0x150b7a02;
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external pure returns (bytes4) {
        return 0xf23a6e61;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata) external pure returns (bytes4) {
        return 0xbc197c81;
    }

    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x01ffc9a7 || id == 0x150b7a02 || id == 0x4e2312e0;
    }

    receive() external payable {}
}
