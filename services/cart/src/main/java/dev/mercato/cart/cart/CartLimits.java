package dev.mercato.cart.cart;

/** How much one cart holds. */
final class CartLimits {

    /** units of one product */
    static final int MAX_QUANTITY = 99;
    /** distinct products */
    static final int MAX_LINES = 50;

    private CartLimits() {}
}
