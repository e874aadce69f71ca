/**
 * The few universal types every module speaks: typed ids, permissions and the signed-in caller, problem errors.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package vn.attthub.shared;
