/*
 * Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
 * SPDX-License-Identifier: MIT-0
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this
 * software and associated documentation files (the "Software"), to deal in the Software
 * without restriction, including without limitation the rights to use, copy, modify,
 * merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
 * permit persons to whom the Software is furnished to do so.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 * INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
 * PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
 * HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
 * OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 * SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */

package com.amazon.sample.events.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Order Cancelled Event
 * <p>
 * Order Cancelled Event payload
 *
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "order" })
public class OrderCancelledEvent {

  /**
   * Order
   * <p>
   * An order within the store
   * (Required)
   *
   */
  @JsonProperty("order")
  @JsonPropertyDescription("An order within the store")
  private Order order;

  /**
   * Order
   * <p>
   * An order within the store
   * (Required)
   *
   */
  @JsonProperty("order")
  public Order getOrder() {
    return order;
  }

  /**
   * Order
   * <p>
   * An order within the store
   * (Required)
   *
   */
  @JsonProperty("order")
  public void setOrder(Order order) {
    this.order = order;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb
      .append(OrderCancelledEvent.class.getName())
      .append('@')
      .append(Integer.toHexString(System.identityHashCode(this)))
      .append('[');
    sb.append("order");
    sb.append('=');
    sb.append(((this.order == null) ? "<null>" : this.order));
    sb.append(',');
    if (sb.charAt((sb.length() - 1)) == ',') {
      sb.setCharAt((sb.length() - 1), ']');
    } else {
      sb.append(']');
    }
    return sb.toString();
  }

  @Override
  public int hashCode() {
    int result = 1;
    result = ((result * 31) +
      ((this.order == null) ? 0 : this.order.hashCode()));
    return result;
  }

  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if ((other instanceof OrderCancelledEvent) == false) {
      return false;
    }
    OrderCancelledEvent rhs = ((OrderCancelledEvent) other);
    return (
      (this.order == rhs.order) ||
      ((this.order != null) && this.order.equals(rhs.order))
    );
  }
}
