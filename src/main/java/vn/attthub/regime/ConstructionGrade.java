package vn.attthub.regime;

/** Cấp công trình xây dựng served by an industrial control system (Decree 85/2016 Art 9.4, 10.4, 11.4). */
public enum ConstructionGrade {
    IV, III, II, I, SPECIAL
}
