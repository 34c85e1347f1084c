// SPDX-License-Identifier: MIT
// vPHA, the devnet double of Phala's staking vault on Ethereum (interface: pha_vault_abi.human.txt).
// ERC-4626 share accounting with OpenZeppelin's virtual offset (+1 share, +1 asset). Differences from a
// plain ERC-4626 that a wallet must handle, as the real vault does:
//  - redeem/withdraw do not pay out: they burn the shares and queue an unlock request of the assets;
//    claim(owner) pays the requests older than unlockPeriod to their receivers;
//  - rewards accrue to stakers at rewardRate (assets/second) out of the PHA the vault holds beyond what it
//    owes, minus a treasury cut (treasuryRatio in parts per million), settled at checkpoints.
// Devnet-only addition: distributeRewards(assets) adds rewards at once, so the share price can be set
// above 1 deterministically (a time-based rate would move it with every block).
pragma solidity ^0.8.24;

import "./Base.sol";

contract PhaVault is ERC20Base, OwnableBase, SafeTokenCalls {
    struct UnlockRequest {
        address receiver;
        uint256 assets;
        uint256 startTime;
    }

    uint256 public constant RATIO_DENOMINATOR = 1_000_000;

    IERC20Min private immutable _asset;
    uint256 public rewardRate;
    uint256 public unlockPeriod;
    uint256 public maxUnlockRequests;
    uint256 public treasuryRatio;
    uint256 public checkpointTime;
    uint256 public checkpointTotalAssets;
    uint256 public checkpointTreasuryAssets;
    /// assets of queued unlock requests: owed to receivers, no longer staked
    uint256 public totalUnlocking;
    bool public paused;
    mapping(address => UnlockRequest[]) private _unlockRequests;

    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
    event Withdraw(address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares);
    event Claimed(address indexed caller, address indexed receiver, address indexed owner, uint256 assets);
    event RewardsSettled(uint256 checkpointTime, uint256 rewards, uint256 totalAssets);
    event TreasurySettled(uint256 checkpointTime, uint256 treasuryRewards, uint256 treasuryAssets);
    event TreasuryAssetsClaimed(address indexed receiver, uint256 assets);
    event RewardRateUpdated(uint256 oldRewardRate, uint256 newRewardRate);
    event UnlockPeriodUpdated(uint256 oldUnlockPeriod, uint256 newUnlockPeriod);
    event MaxUnlockRequestsUpdated(uint256 oldMaxUnlockRequests, uint256 newMaxUnlockRequests);
    event TreasuryRatioUpdated(uint256 oldTreasuryRatio, uint256 newTreasuryRatio);
    event Paused(address account);
    event Unpaused(address account);

    error ERC4626ExceededMaxDeposit(address receiver, uint256 assets, uint256 max);
    error ERC4626ExceededMaxMint(address receiver, uint256 shares, uint256 max);
    error ERC4626ExceededMaxRedeem(address owner, uint256 shares, uint256 max);
    error ERC4626ExceededMaxWithdraw(address owner, uint256 assets, uint256 max);
    error EnforcedPause();
    error ExpectedPause();
    error ExceedMaxUnlockRequests(address owner);
    error InvalidMaxUnlockRequests();
    error InvalidReceiver(address receiver);
    error InvalidTreasuryRatio();
    error InvalidUnlockRequestIndex();
    error MaxUnlockRequestsUnchanged();
    error NoClaimableAssets(address owner);
    error NoTreasuryAssets();
    error RewardRateUnchanged();
    error TreasuryRatioUnchanged();
    error UnlockPeriodUnchanged();

    constructor(
        address asset_,
        address owner_,
        uint256 initialRewardRate,
        uint256 initialUnlockPeriod,
        uint256 initialMaxUnlockRequests,
        uint256 initialTreasuryRatio
    ) ERC20Base("Vault PHA", "vPHA") OwnableBase(owner_) {
        if (initialMaxUnlockRequests == 0) revert InvalidMaxUnlockRequests();
        if (initialTreasuryRatio > RATIO_DENOMINATOR) revert InvalidTreasuryRatio();
        _asset = IERC20Min(asset_);
        rewardRate = initialRewardRate;
        unlockPeriod = initialUnlockPeriod;
        maxUnlockRequests = initialMaxUnlockRequests;
        treasuryRatio = initialTreasuryRatio;
        checkpointTime = block.timestamp;
    }

    modifier whenNotPaused() {
        if (paused) revert EnforcedPause();
        _;
    }

    // ---- views -------------------------------------------------------------------------------------

    function asset() external view returns (address) {
        return address(_asset);
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7; // ERC-165
    }

    /// Rewards accrued since the checkpoint, limited by the PHA the vault holds beyond what it owes.
    function _pendingRewards() internal view returns (uint256 toStakers, uint256 toTreasury) {
        uint256 owed = checkpointTotalAssets + checkpointTreasuryAssets + totalUnlocking;
        uint256 balance = _asset.balanceOf(address(this));
        uint256 reserve = balance > owed ? balance - owed : 0;
        uint256 accrued = rewardRate * (block.timestamp - checkpointTime);
        if (accrued > reserve) accrued = reserve;
        toTreasury = (accrued * treasuryRatio) / RATIO_DENOMINATOR;
        toStakers = accrued - toTreasury;
    }

    function totalAssets() public view returns (uint256) {
        (uint256 toStakers, ) = _pendingRewards();
        return checkpointTotalAssets + toStakers;
    }

    function treasuryAssets() public view returns (uint256) {
        (, uint256 toTreasury) = _pendingRewards();
        return checkpointTreasuryAssets + toTreasury;
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        return (assets * (totalSupply + 1)) / (totalAssets() + 1);
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        return (shares * (totalAssets() + 1)) / (totalSupply + 1);
    }

    function previewDeposit(uint256 assets) public view returns (uint256) {
        return convertToShares(assets);
    }

    function previewMint(uint256 shares) public view returns (uint256) {
        return _ceilDiv(shares * (totalAssets() + 1), totalSupply + 1);
    }

    function previewWithdraw(uint256 assets) public view returns (uint256) {
        return _ceilDiv(assets * (totalSupply + 1), totalAssets() + 1);
    }

    function previewRedeem(uint256 shares) public view returns (uint256) {
        return convertToAssets(shares);
    }

    function maxDeposit(address) public view returns (uint256) {
        return paused ? 0 : type(uint256).max;
    }

    function maxMint(address) public view returns (uint256) {
        return paused ? 0 : type(uint256).max;
    }

    function maxWithdraw(address owner_) public view returns (uint256) {
        return paused ? 0 : convertToAssets(balanceOf[owner_]);
    }

    function maxRedeem(address owner_) public view returns (uint256) {
        return paused ? 0 : balanceOf[owner_];
    }

    function unlockRequests(address owner_) external view returns (UnlockRequest[] memory) {
        return _unlockRequests[owner_];
    }

    // ---- staking -----------------------------------------------------------------------------------

    function deposit(uint256 assets, address receiver) external whenNotPaused returns (uint256 shares) {
        _settle();
        shares = previewDeposit(assets);
        _stake(receiver, assets, shares);
    }

    function mint(uint256 shares, address receiver) external whenNotPaused returns (uint256 assets) {
        _settle();
        assets = previewMint(shares);
        _stake(receiver, assets, shares);
    }

    function redeem(uint256 shares, address receiver, address owner_) external whenNotPaused returns (uint256 assets) {
        _settle();
        uint256 max = maxRedeem(owner_);
        if (shares > max) revert ERC4626ExceededMaxRedeem(owner_, shares, max);
        assets = previewRedeem(shares);
        _unstake(owner_, receiver, assets, shares);
    }

    function withdraw(uint256 assets, address receiver, address owner_) external whenNotPaused returns (uint256 shares) {
        _settle();
        uint256 max = maxWithdraw(owner_);
        if (assets > max) revert ERC4626ExceededMaxWithdraw(owner_, assets, max);
        shares = previewWithdraw(assets);
        _unstake(owner_, receiver, assets, shares);
    }

    /// Pays every unlock request of `owner_` whose unlock period has passed, each to its receiver.
    function claim(address owner_) external {
        UnlockRequest[] storage list = _unlockRequests[owner_];
        uint256 total;
        uint256 kept;
        for (uint256 i = 0; i < list.length; i++) {
            UnlockRequest memory req = list[i];
            if (req.startTime + unlockPeriod <= block.timestamp) {
                total += req.assets;
                totalUnlocking -= req.assets;
                _safeTransfer(_asset, req.receiver, req.assets);
                emit Claimed(msg.sender, req.receiver, owner_, req.assets);
            } else {
                list[kept++] = req;
            }
        }
        if (total == 0) revert NoClaimableAssets(owner_);
        while (list.length > kept) list.pop();
    }

    /// Stakes the assets of one of the caller's unlock requests again, minting shares to `receiver`.
    function cancelUnlockRequest(uint256 index, address receiver) external whenNotPaused {
        UnlockRequest[] storage list = _unlockRequests[msg.sender];
        if (index >= list.length) revert InvalidUnlockRequestIndex();
        if (receiver == address(0)) revert InvalidReceiver(receiver);
        _settle();
        uint256 assets = list[index].assets;
        for (uint256 i = index; i + 1 < list.length; i++) list[i] = list[i + 1];
        list.pop();
        totalUnlocking -= assets;
        uint256 shares = previewDeposit(assets);
        checkpointTotalAssets += assets;
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    // ---- owner -------------------------------------------------------------------------------------

    /// Devnet-only: adds `assets` of rewards to the stakers at once (raises the share price now).
    function distributeRewards(uint256 assets) external onlyOwner {
        _settle();
        _safeTransferFrom(_asset, msg.sender, address(this), assets);
        checkpointTotalAssets += assets;
        emit RewardsSettled(block.timestamp, assets, checkpointTotalAssets);
    }

    function setRewardRate(uint256 newRewardRate) external onlyOwner {
        if (newRewardRate == rewardRate) revert RewardRateUnchanged();
        _settle();
        emit RewardRateUpdated(rewardRate, newRewardRate);
        rewardRate = newRewardRate;
    }

    function setUnlockPeriod(uint256 newUnlockPeriod) external onlyOwner {
        if (newUnlockPeriod == unlockPeriod) revert UnlockPeriodUnchanged();
        emit UnlockPeriodUpdated(unlockPeriod, newUnlockPeriod);
        unlockPeriod = newUnlockPeriod;
    }

    function setMaxUnlockRequests(uint256 newMaxUnlockRequests) external onlyOwner {
        if (newMaxUnlockRequests == 0) revert InvalidMaxUnlockRequests();
        if (newMaxUnlockRequests == maxUnlockRequests) revert MaxUnlockRequestsUnchanged();
        emit MaxUnlockRequestsUpdated(maxUnlockRequests, newMaxUnlockRequests);
        maxUnlockRequests = newMaxUnlockRequests;
    }

    function setTreasuryRatio(uint256 newTreasuryRatio) external onlyOwner {
        if (newTreasuryRatio > RATIO_DENOMINATOR) revert InvalidTreasuryRatio();
        if (newTreasuryRatio == treasuryRatio) revert TreasuryRatioUnchanged();
        _settle();
        emit TreasuryRatioUpdated(treasuryRatio, newTreasuryRatio);
        treasuryRatio = newTreasuryRatio;
    }

    function claimTreasury(address receiver) external onlyOwner {
        _settle();
        uint256 assets = checkpointTreasuryAssets;
        if (assets == 0) revert NoTreasuryAssets();
        checkpointTreasuryAssets = 0;
        _safeTransfer(_asset, receiver, assets);
        emit TreasuryAssetsClaimed(receiver, assets);
    }

    function pause() external onlyOwner {
        if (paused) revert EnforcedPause();
        paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyOwner {
        if (!paused) revert ExpectedPause();
        paused = false;
        emit Unpaused(msg.sender);
    }

    // ---- internals ---------------------------------------------------------------------------------

    function _settle() internal {
        (uint256 toStakers, uint256 toTreasury) = _pendingRewards();
        checkpointTime = block.timestamp;
        if (toStakers == 0 && toTreasury == 0) return;
        checkpointTotalAssets += toStakers;
        checkpointTreasuryAssets += toTreasury;
        emit RewardsSettled(block.timestamp, toStakers, checkpointTotalAssets);
        if (toTreasury > 0) emit TreasurySettled(block.timestamp, toTreasury, checkpointTreasuryAssets);
    }

    function _stake(address receiver, uint256 assets, uint256 shares) internal {
        if (receiver == address(0)) revert InvalidReceiver(receiver);
        _safeTransferFrom(_asset, msg.sender, address(this), assets);
        checkpointTotalAssets += assets;
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
    }

    function _unstake(address owner_, address receiver, uint256 assets, uint256 shares) internal {
        if (receiver == address(0)) revert InvalidReceiver(receiver);
        if (msg.sender != owner_) _spendAllowance(owner_, msg.sender, shares);
        UnlockRequest[] storage list = _unlockRequests[owner_];
        if (list.length >= maxUnlockRequests) revert ExceedMaxUnlockRequests(owner_);
        _burn(owner_, shares);
        checkpointTotalAssets -= assets;
        totalUnlocking += assets;
        list.push(UnlockRequest({receiver: receiver, assets: assets, startTime: block.timestamp}));
        emit Withdraw(msg.sender, receiver, owner_, assets, shares);
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
