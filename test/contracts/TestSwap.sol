// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface ITestToken {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function decimals() external view returns (uint8);
}

/// @title TestSwap
/// @notice A swap-like contract with a router's top-level interface (Uniswap V2's
/// swapExactETHForTokens / swapExactTokensForETH signatures): ETH in at a fixed rate, tokens out of
/// its own stock, and the reverse. Reverts with a reason when the output is below the minimum.
contract TestSwap {
    ITestToken public immutable token;
    /// token base units per whole ETH
    uint256 public immutable rate;

    constructor(ITestToken token_, uint256 rate_) {
        token = token_;
        rate = rate_;
    }

    receive() external payable {}

    function swapExactETHForTokens(uint256 amountOutMin, address[] calldata path, address to, uint256 deadline) external payable returns (uint256[] memory amounts) {
        require(block.timestamp <= deadline, "TestSwap: EXPIRED");
        require(path.length == 2 && path[1] == address(token), "TestSwap: INVALID_PATH");
        uint256 out = (msg.value * rate) / 1 ether;
        require(out >= amountOutMin, "TestSwap: INSUFFICIENT_OUTPUT_AMOUNT");
        require(token.transfer(to, out), "TestSwap: transfer failed");
        amounts = new uint256[](2);
        amounts[0] = msg.value;
        amounts[1] = out;
    }

    function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] calldata path, address to, uint256 deadline) external returns (uint256[] memory amounts) {
        require(block.timestamp <= deadline, "TestSwap: EXPIRED");
        require(path.length == 2 && path[0] == address(token), "TestSwap: INVALID_PATH");
        uint256 out = (amountIn * 1 ether) / rate;
        require(out >= amountOutMin, "TestSwap: INSUFFICIENT_OUTPUT_AMOUNT");
        require(token.transferFrom(msg.sender, address(this), amountIn), "TestSwap: transferFrom failed");
        (bool ok, ) = to.call{value: out}("");
        require(ok, "TestSwap: ETH transfer failed");
        amounts = new uint256[](2);
        amounts[0] = amountIn;
        amounts[1] = out;
    }
}
