/**
 * The sneaky rethrow every layer uses to pass a failure on as the same instance, checked or not.
 * A leaf: it depends on nothing in Weft, so the API, the scheduler and the woven contract can all
 * use it without depending on each other. Not exported; woven code never calls it.
 */
package dev.weft.rethrow;
